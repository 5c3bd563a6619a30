package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgesplit job} checks (or prepares) its Kafka cluster before Flink starts. */
class JobCommandITCase {

    @Test
    void missingInputTopicsAreNamedBeforeTheJobStarts() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            kafka.createTopics(1, "edgesplit.telemetry");

            CliRun r = CliRun.of("job", "-b", kafka.bootstrapServers(), "--models", "tiny-chain");

            assertThat(r)
                    .isEqualTo(
                            new CliRun(
                                    2,
                                    "",
                                    "edgesplit job: input topic(s) edgesplit.frames,"
                                            + " edgesplit.profiles do not exist on "
                                            + kafka.bootstrapServers()
                                            + ": create them, or name others with -D"
                                            + " edgesplit.kafka.topic.*=NAME ('edgesplit broker'"
                                            + " creates the default ones)\n"));
        }
    }

    @Test
    void createTopicsMakesEveryTopicOfTheJobBeforeFlinkStarts(@TempDir Path stateDir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            kafka.createTopics(1, "edgesplit.telemetry");

            // a max parallelism below the parallelism fails the job when it is submitted, after
            // the topics were made and checked; job prints its own lines to System.err
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            CliRun r;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                r =
                        assertTimeoutPreemptively(
                                Duration.ofSeconds(90),
                                () ->
                                        CliRun.of(
                                                "job",
                                                "-b",
                                                kafka.bootstrapServers(),
                                                "--models",
                                                "tiny-chain",
                                                "--ui-port",
                                                "0",
                                                "--create-topics",
                                                "--state-dir",
                                                stateDir.toString(),
                                                "-D",
                                                "edgesplit.kafka.topic.results=cams.results",
                                                "-D",
                                                "pipeline.max-parallelism=1"));
            } finally {
                System.setErr(stderr);
            }

            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith(
                            "edgesplit job: created topic edgesplit.frames (2 partitions)\n"
                                    + "edgesplit job: created topic edgesplit.profiles (1 partition)\n"
                                    + "edgesplit job: created topic edgesplit.decisions (1 partition)\n"
                                    + "edgesplit job: created topic cams.results (1 partition)\n"
                                    + "edgesplit job: created topic edgesplit.deadletters (1 partition)\n"
                                    + "edgesplit job: state in "
                                    + stateDir.toAbsolutePath()
                                    + "; no checkpoint yet, reading the topics from the earliest"
                                    + " offsets\n"
                                    + "edgesplit job: reading from "
                                    + kafka.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                assertThat(admin.listTopics().names().get())
                        .containsExactlyInAnyOrder(
                                "edgesplit.telemetry",
                                "edgesplit.frames",
                                "edgesplit.profiles",
                                "edgesplit.decisions",
                                "cams.results",
                                "edgesplit.deadletters");
            }
        }
    }
}
