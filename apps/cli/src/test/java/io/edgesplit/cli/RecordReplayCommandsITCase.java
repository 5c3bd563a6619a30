package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.kafka.embedded.EmbeddedKafka;
import io.edgesplit.kafka.recording.TraceCursor;
import io.edgesplit.kafka.recording.TraceReader;
import io.edgesplit.kafka.recording.TraceRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gen-trace -> replay -> record through the command line against an embedded broker. The broker is
 * shared: no test creates a topic of the default edgesplit names.
 */
class RecordReplayCommandsITCase {

    private static EmbeddedKafka kafka;

    @TempDir Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aGeneratedScenarioReplaysAndRecordsBackUnchanged() {
        Path generated = tmp.resolve("generated");
        Path recorded = tmp.resolve("recorded");
        assertThat(GenTraceCommandTest.genTrace(generated, GenTraceCommandTest.SMALL).exitCode())
                .isZero();

        CliRun replay =
                CliRun.of(
                        "replay",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--trace",
                        generated.toString(),
                        "--speed",
                        "max",
                        "--timestamps",
                        "keep",
                        "--create-topics",
                        "--partitions",
                        "2",
                        "--topic-map",
                        "edgesplit.telemetry=gen.telemetry,edgesplit.frames=gen.frames");
        CliRun record =
                CliRun.of(
                        "record",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--out",
                        recorded.toString(),
                        "--topics",
                        "gen.telemetry,gen.frames",
                        "--from-beginning",
                        "--to-end");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.err())
                .contains("created topic gen.telemetry (2 partitions)")
                .contains("100%  70/70 records");
        assertThat(replay.out())
                .startsWith("replayed 70 records (")
                .contains("gen.telemetry", "gen.frames")
                .contains(
                        "Kafka timestamps as recorded: 2025-01-01T00:00:00Z .. 2025-01-01T00:00:03Z");
        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.out())
                .startsWith("recorded 70 records (")
                .contains("(end of the topics reached), time span 3.0 s");
        assertThat(perKey(recorded, "gen.")).isEqualTo(perKey(generated, "edgesplit."));
        assertThat(TraceReader.open(recorded).manifest().topic("gen.frames").partitionCount())
                .isEqualTo(2);
    }

    @Test
    void createTopicsMakesEveryTopicOfTheJobWithItsConfiguredNames() throws Exception {
        Path generated = tmp.resolve("generated");
        GenTraceCommandTest.genTrace(generated, GenTraceCommandTest.SMALL);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("job.results", 3, (short) 1))).all().get();
        }

        CliRun r =
                CliRun.of(
                        "replay",
                        "-b",
                        kafka.bootstrapServers(),
                        "--trace",
                        generated.toString(),
                        "--speed",
                        "max",
                        "--create-topics",
                        "-D",
                        "edgesplit.kafka.topic.telemetry=job.telemetry",
                        "-D",
                        "edgesplit.kafka.topic.frames=job.frames",
                        "-D",
                        "edgesplit.kafka.topic.profiles=job.profiles",
                        "-D",
                        "edgesplit.kafka.topic.decisions=job.decisions",
                        "-D",
                        "edgesplit.kafka.topic.results=job.results",
                        "-D",
                        "edgesplit.kafka.topic.deadletters=job.deadletters");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .startsWith(
                        "edgesplit replay: created topic job.telemetry (2 partitions)\n"
                                + "edgesplit replay: created topic job.frames (2 partitions)\n"
                                + "edgesplit replay: created topic job.profiles (1 partition)\n"
                                + "edgesplit replay: created topic job.decisions (1 partition)\n"
                                + "edgesplit replay: created topic job.deadletters (1 partition)\n");
        assertThat(r.out()).contains("job.telemetry", "job.frames");
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(
                                    List.of(
                                            "job.telemetry",
                                            "job.frames",
                                            "job.profiles",
                                            "job.decisions",
                                            "job.results",
                                            "job.deadletters"))
                            .allTopicNames()
                            .get();
            assertThat(topics.get("job.frames").partitions()).hasSize(2);
            assertThat(topics.get("job.results").partitions()).as("left as it was").hasSize(3);
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith("edgesplit."));
        }
    }

    @Test
    void replayRefusesMissingTopicsUnlessAskedToCreateThem() {
        Path generated = tmp.resolve("generated");
        GenTraceCommandTest.genTrace(generated, GenTraceCommandTest.SMALL);

        CliRun r =
                CliRun.of(
                        "replay",
                        "-b",
                        kafka.bootstrapServers(),
                        "--trace",
                        generated.toString(),
                        "--topics",
                        "edgesplit.frames",
                        "--topic-map",
                        "edgesplit.frames=absent.frames");

        assertThat(r)
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit replay: topic absent.frames does not exist on "
                                        + kafka.bootstrapServers()
                                        + ": create it, map the trace's topics with --topic-map,"
                                        + " or add --create-topics\n"));
    }

    @Test
    void recordWithoutTopicsNeedsAnEdgesplitTopic() {
        CliRun r =
                CliRun.of(
                        "record",
                        "-b",
                        kafka.bootstrapServers(),
                        "--out",
                        tmp.resolve("r").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(
                        "edgesplit record: none of the edgesplit topics (edgesplit.telemetry,"
                                + " edgesplit.frames, edgesplit.profiles, edgesplit.decisions,"
                                + " edgesplit.results, edgesplit.deadletters) exist on "
                                + kafka.bootstrapServers()
                                + ": name the topics with --topics\n");
    }

    /** (topic without prefix | key) -> (value, headers, timestamp) of its records, in order. */
    private static Map<String, List<List<Object>>> perKey(Path trace, String prefix) {
        Map<String, List<List<Object>>> out = new TreeMap<>();
        try (TraceCursor c = TraceReader.open(trace).records(List.of())) {
            while (c.hasNext()) {
                TraceRecord r = c.next();
                assertThat(r.topic()).startsWith(prefix);
                out.computeIfAbsent(
                                r.topic().substring(prefix.length()) + "|" + r.keyString(),
                                k -> new ArrayList<>())
                        .add(
                                List.of(
                                        HexFormat.of().formatHex(r.value()),
                                        r.headers(),
                                        r.timestamp()));
            }
        }
        return out;
    }
}
