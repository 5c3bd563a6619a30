package io.edgesplit.kafka.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing, corrupt or inconsistent trace fails with one line naming the file and problem. */
class TraceReaderErrorsTest {

    private static final String FRAMES_FILE = TraceSamples.FRAMES + "/partition-0.avro";

    @TempDir Path tmp;
    private Path dir;
    private Path manifest;

    @BeforeEach
    void writeTrace() {
        dir = tmp.resolve("trace");
        manifest = dir.resolve("manifest.json");
        TraceSamples.write(dir, TraceSamples.mixed());
    }

    @Test
    void missingOrWrongDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");

        failsOpening(tmp.resolve("nope"))
                .hasMessage(tmp.resolve("nope") + ": not found: give a trace directory");
        failsOpening(file)
                .hasMessage(
                        file + ": not a directory: a trace is a directory with a manifest.json");
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(manifest);

        failsOpening(dir)
                .hasMessage(
                        manifest
                                + ": not found: not a trace directory, or its recording was killed"
                                + " before it finished");
    }

    @Test
    void manifestThatIsNotJson() throws IOException {
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.substring(0, json.length() / 2));

        failsOpening(dir)
                .hasMessageStartingWith(manifest + ": not valid JSON: Unexpected end-of-input")
                .hasMessageMatching(".* \\(line \\d+, column \\d+\\)");
    }

    @Test
    void manifestWithoutAField() throws IOException {
        edit(manifest, "\"topics\" :", "\"topicz\" :");

        failsOpening(dir)
                .hasMessage(
                        manifest + ": not a valid manifest: field 'topics' is missing (at topics)");
    }

    @Test
    void manifestOfAnotherFormatOrVersion() throws IOException {
        edit(manifest, "\"formatVersion\" : 1", "\"formatVersion\" : 2");
        failsOpening(dir)
                .hasMessage(
                        manifest
                                + ": format version 2 is not one this edgesplit reads (1..1): use a"
                                + " matching edgesplit version");

        edit(manifest, "\"edgesplit-trace\"", "\"something-else\"");
        failsOpening(dir)
                .hasMessage(
                        manifest
                                + ": format 'something-else' is not 'edgesplit-trace': not an"
                                + " edgesplit trace manifest");
    }

    @Test
    void inconsistentCounts() throws IOException {
        edit(manifest, "\"records\" : 60,", "\"records\" : 61,");

        failsOpening(dir).hasMessage(manifest + ": says 61 records but its topics have 60");
    }

    @Test
    void fileOutsideTheDirectory() throws IOException {
        edit(manifest, "\"path\" : \"" + FRAMES_FILE + "\"", "\"path\" : \"../x.avro\"");

        failsOpening(dir)
                .hasMessage(manifest + ": file '../x.avro' is outside the trace directory");
    }

    @Test
    void missingFile() throws IOException {
        Files.delete(dir.resolve(FRAMES_FILE));

        failsOpening(dir)
                .hasMessage(dir.resolve(FRAMES_FILE) + ": not found (listed in manifest.json)");
    }

    @Test
    void truncatedFile() throws IOException {
        Path file = dir.resolve(FRAMES_FILE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        failsOpening(dir)
                .hasMessage(
                        file
                                + ": "
                                + (bytes.length - 100)
                                + " bytes, manifest.json says "
                                + bytes.length
                                + ": the file is truncated or was changed");
    }

    @Test
    void fileThatIsNotAnAvroContainer() throws IOException {
        Path file = dir.resolve(FRAMES_FILE);
        int size = (int) Files.size(file);
        Files.write(file, new byte[size]);

        failsOpening(dir).hasMessageStartingWith(file + ": not an Avro container file: ");
    }

    @Test
    void corruptBlockFailsWhileReading() throws Exception {
        Path file = dir.resolve(FRAMES_FILE);
        byte[] bytes = Files.readAllBytes(file);
        byte[] sync =
                MessageDigest.getInstance("MD5")
                        .digest(
                                ("edgesplit-trace:" + FRAMES_FILE)
                                        .getBytes(StandardCharsets.UTF_8));
        int header = indexOf(bytes, sync, 0);
        int endOfFirstBlock = indexOf(bytes, sync, header + sync.length);
        assertThat(endOfFirstBlock).isPositive();
        bytes[endOfFirstBlock] ^= 0x5a;
        Files.write(file, bytes);
        TraceReader reader = TraceReader.open(dir);

        assertThatThrownBy(reader::verify)
                .isInstanceOf(InvalidTraceException.class)
                .hasMessageStartingWith(file + ": corrupt after record ")
                .hasMessageContaining("Invalid sync")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void changedBytesOfTheSameSizeFailTheChecksum() throws Exception {
        Path file = dir.resolve(FRAMES_FILE);
        byte[] bytes = Files.readAllBytes(file);
        byte[] marker = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, marker, 0);
        bytes[at + 2] = 'N';
        Files.write(file, bytes);
        TraceReader reader = TraceReader.open(dir);

        assertThatThrownBy(reader::verify)
                .isInstanceOf(InvalidTraceException.class)
                .hasMessageMatching(
                        "\\Q"
                                + file
                                + ": CRC-32 \\E[0-9a-f]{8} does not match manifest.json \\([0-9a-f]{8}\\): the file was changed");
    }

    @Test
    void fewerRecordsThanTheManifestSays() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
        m.put("records", 61);
        ObjectNode frames = (ObjectNode) m.get("topics").get(1);
        frames.put("records", 21);
        ((ObjectNode) frames.get("files").get(0)).put("records", 21);
        json.writeValue(manifest.toFile(), m);
        TraceReader reader = TraceReader.open(dir);

        assertThatThrownBy(reader::verify)
                .isInstanceOf(InvalidTraceException.class)
                .hasMessage(dir.resolve(FRAMES_FILE) + ": holds 20 records, manifest.json says 21");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failsOpening(Path d) {
        return assertThatThrownBy(() -> TraceReader.open(d))
                .isInstanceOf(InvalidTraceException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Replaces every occurrence; fails if there is none. */
    private static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void listsUnchangedTraceAsValid() {
        assertThat(TraceReader.open(dir).verify()).isEqualTo(60);
        assertThat(TraceReader.open(dir).manifest().topicNames())
                .isEqualTo(List.of(TraceSamples.TELEMETRY, TraceSamples.FRAMES));
    }
}
