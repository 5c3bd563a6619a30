package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.kafka.recording.TraceReplayer.TimestampMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to replay and record: one line naming the value, exit code 2, no Kafka needed. */
class ReplayRecordCommandsTest {

    /** Nothing listens here; every case below must fail before connecting. */
    private static final String NO_KAFKA = "localhost:1";

    @TempDir Path tmp;

    @Test
    void replayOfAMissingDirectory() {
        Path dir = tmp.resolve("nope");

        assertThat(CliRun.of("replay", "-b", NO_KAFKA, "--trace", dir.toString()))
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit replay: "
                                        + dir
                                        + ": not found: give a trace directory\n"));
    }

    @Test
    void replayOfACorruptManifest() throws IOException {
        Path dir = smallTrace();
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": ");

        CliRun r = CliRun.of("replay", "-b", NO_KAFKA, "--trace", dir.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .startsWith(
                        "edgesplit replay: " + dir.resolve("manifest.json") + ": not valid JSON: ")
                .hasLineCount(1);
    }

    @Test
    void replayWithABadSpeedOrRate() {
        CliRun fast = CliRun.of("replay", "-b", NO_KAFKA, "--trace", "x", "--speed", "fast");
        CliRun negative = CliRun.of("replay", "-b", NO_KAFKA, "--trace", "x", "--speed", "-2");
        CliRun rate = CliRun.of("replay", "-b", NO_KAFKA, "--trace", "x", "--rate-limit", "lots");

        assertThat(fast.exitCode()).isEqualTo(2);
        assertThat(fast.err())
                .isEqualTo(
                        "edgesplit replay: Invalid value for option '--speed': 'fast' is not a speed:"
                                + " use a factor such as 1, 2.5 or 0.5, or max (see 'edgesplit replay"
                                + " --help')\n");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("'-2' is not a speed").hasLineCount(1);
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err())
                .contains("'lots' is not a rate: write records per second, e.g. 500/s");
    }

    @Test
    void replayWithAnUnknownTopicInTheMap() throws IOException {
        Path dir = smallTrace();

        CliRun r =
                CliRun.of(
                        "replay",
                        "-b",
                        NO_KAFKA,
                        "--trace",
                        dir.toString(),
                        "--topic-map",
                        "nope=x");

        assertThat(r)
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit replay: mapped topic 'nope' is not in the trace "
                                        + dir
                                        + " (it has edgesplit.telemetry, edgesplit.frames)\n"));
        assertThat(
                        CliRun.of(
                                        "replay",
                                        "-b",
                                        NO_KAFKA,
                                        "--trace",
                                        dir.toString(),
                                        "--topic-map",
                                        "edgesplit.frames=bad/name")
                                .err())
                .isEqualTo(
                        "edgesplit replay: target topic name 'bad/name' is invalid: use 1-249"
                                + " characters from a-z, A-Z, 0-9, '.', '_' and '-'\n");
    }

    @Test
    void shiftedTimestampsRunAheadOfTheClockAboveSpeedOne() {
        long hour = 3_600_000;

        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.SHIFT, 1, 1, hour)).isZero();
        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.SHIFT, 0.5, 1, hour)).isZero();
        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.KEEP, 0, 1, hour)).isZero();
        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.SHIFT, 4, 2, hour))
                .isEqualTo(1.5 * hour);
        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.SHIFT, 0, 1, hour)).isEqualTo(hour);
        assertThat(ReplayCommand.timestampLeadMs(TimestampMode.SHIFT, 2, 0, 1000)).isInfinite();
    }

    @Test
    void recordToTheEndNeedsTheBeginning() {
        CliRun r =
                CliRun.of(
                        "record", "-b", NO_KAFKA, "--out", tmp.resolve("r").toString(), "--to-end");

        assertThat(r)
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit record: --to-end without --from-beginning records nothing:"
                                        + " add --from-beginning\n"));
    }

    @Test
    void replayTakesOnlyTopicNamesWithD() {
        CliRun r =
                CliRun.of(
                        "replay",
                        "-b",
                        NO_KAFKA,
                        "--trace",
                        "x",
                        "-D",
                        "edgesplit.controller.v=10");

        assertThat(r)
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit replay: -D edgesplit.controller.v: replay takes only the"
                                        + " job's topic names, -D KEY=NAME with KEY one of"
                                        + " edgesplit.kafka.topic.telemetry,"
                                        + " edgesplit.kafka.topic.frames,"
                                        + " edgesplit.kafka.topic.profiles,"
                                        + " edgesplit.kafka.topic.decisions,"
                                        + " edgesplit.kafka.topic.results,"
                                        + " edgesplit.kafka.topic.deadletters\n"));
    }

    @Test
    void helpDescribesEveryOption() {
        assertThat(CliRun.of("replay", "--help").out())
                .contains(
                        "Usage: edgesplit replay",
                        "--bootstrap=HOST:PORT",
                        "--trace=DIR",
                        "--speed=X",
                        "--loop",
                        "--rate-limit=N/s",
                        "--timestamps=shift|keep",
                        "--topic-map=FROM=TO",
                        "--rewrite-payloads",
                        "--create-topics");
        assertThat(CliRun.of("record", "--help").out())
                .contains(
                        "Usage: edgesplit record",
                        "--out=DIR",
                        "--topics=TOPIC[,TOPIC...]",
                        "--duration=D",
                        "--from-beginning",
                        "--max-records=N",
                        "--to-end");
        assertThat(CliRun.of("gen-trace", "--help").out())
                .contains(
                        "Usage: edgesplit gen-trace",
                        "--devices=N",
                        "--uplink=GOOD,BAD",
                        "--trace=FILE|GEN",
                        "--trace-format=F",
                        "--seed=S",
                        "default: 2025-01-01T00:00:00Z");
        assertThat(CliRun.of("--help").out())
                .containsPattern(Pattern.compile("replay\\s+Produces"))
                .containsPattern(Pattern.compile("record\\s+Records"))
                .containsPattern(Pattern.compile("gen-trace\\s+Writes"));
    }

    private Path smallTrace() {
        Path dir = tmp.resolve("trace");
        CliRun r = GenTraceCommandTest.genTrace(dir, GenTraceCommandTest.SMALL);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }
}
