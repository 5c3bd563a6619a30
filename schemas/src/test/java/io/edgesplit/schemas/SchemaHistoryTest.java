package io.edgesplit.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaParser;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the wire contract evolvable: every released version of a message type stays readable by the
 * current schema, and the history is complete (its newest entry is the current schema).
 */
class SchemaHistoryTest {

    /** The schemas module; surefire runs tests there and sets {@code basedir}. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    static List<Class<? extends SpecificRecord>> messageTypes() {
        return AvroSchemas.MESSAGE_TYPES;
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void currentSchemaReadsEveryHistoricalVersion(Class<? extends SpecificRecord> type) {
        Schema current = AvroSchemas.current(type);
        List<Schema> history = AvroSchemas.history(type);

        assertThat(history)
                .as(
                        "history of %s: add %s",
                        type.getSimpleName(), AvroSchemas.historyResource(type.getSimpleName(), 1))
                .isNotEmpty();
        for (int v = 1; v <= history.size(); v++) {
            Schema writer = history.get(v - 1);
            assertThat(writer.getFullName()).isEqualTo(current.getFullName());
            SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType())
                    .as(
                            "schema %s is not backward compatible with %s: %s. Readers must keep"
                                    + " decoding old records: add fields with defaults, never"
                                    + " remove or retype a field without a default",
                            type.getSimpleName(),
                            AvroSchemas.historyResource(type.getSimpleName(), v),
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void newestHistoryEntryIsTheCurrentSchema(Class<? extends SpecificRecord> type)
            throws IOException {
        String name = type.getSimpleName();
        List<Schema> history = AvroSchemas.history(type);
        long current = AvroSchemas.fingerprint(AvroSchemas.current(type));
        long newest = AvroSchemas.fingerprint(history.get(history.size() - 1));
        if (newest == current) {
            return;
        }
        String next = AvroSchemas.historyResource(name, history.size() + 1);
        Path candidate = MODULE.resolve("target/avro-history-candidates").resolve(next);
        Files.createDirectories(candidate.getParent());
        Files.writeString(
                candidate, SchemaFormatter.format("json/pretty", sourceSchema(type)) + "\n");

        fail(
                "schema %s changed: copy it to %s after checking compatibility: cp %s %s (see"
                        + " docs/wire.md)",
                name, next, MODULE.relativize(candidate), "src/main/resources/" + next);
    }

    /** The type as written in src/main/avro, named types inlined (no generator properties). */
    private static Schema sourceSchema(Class<? extends SpecificRecord> type) throws IOException {
        SchemaParser parser = new SchemaParser();
        try (Stream<Path> files = Files.list(MODULE.resolve("src/main/avro"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parser.parse(file);
            }
        }
        Schema schema =
                parser.getParsedNamedSchemas().stream()
                        .filter(s -> s.getFullName().equals(type.getName()))
                        .findFirst()
                        .orElseThrow();
        assertThat(AvroSchemas.fingerprint(schema))
                .as(
                        "src/main/avro/%s.avsc is not what the class was generated from: rebuild",
                        type.getSimpleName())
                .isEqualTo(AvroSchemas.fingerprint(AvroSchemas.current(type)));
        return schema;
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void historyVersionsAreDistinct(Class<? extends SpecificRecord> type) {
        List<Long> fingerprints =
                AvroSchemas.history(type).stream().map(AvroSchemas::fingerprint).toList();

        assertThat(fingerprints)
                .as("two history files of %s hold the same schema", type.getSimpleName())
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void everyBundledVersionIsIndexedUnderItsType(Class<? extends SpecificRecord> type) {
        for (Schema version : AvroSchemas.history(type)) {
            assertThat(AvroSchemas.typeOf(AvroSchemas.fingerprint(version)))
                    .contains(type.getSimpleName());
        }
    }
}
