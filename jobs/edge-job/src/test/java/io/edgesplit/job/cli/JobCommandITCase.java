package io.edgesplit.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;

/** {@code edgesplit job} checks its Kafka cluster before Flink starts. */
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
}
