package io.edgesplit.kafka.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class KafkaClustersTest {

    @Test
    void aClusterThatDoesNotAnswerIsNamedWithWhatToCheck() {
        Duration timeout = Duration.ofSeconds(2);
        // nothing listens on port 1
        try (Admin admin = KafkaClusters.admin("localhost:1", "test", timeout)) {
            assertThatThrownBy(() -> KafkaClusters.topicNames(admin, "localhost:1", timeout))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "Kafka at localhost:1 did not answer within 2 s: check --bootstrap and"
                                    + " that the cluster is up");
        }
    }
}
