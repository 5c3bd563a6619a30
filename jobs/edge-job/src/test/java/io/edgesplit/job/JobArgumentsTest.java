package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaClientProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobArgumentsTest {

    @TempDir Path dir;

    @Test
    void kafkaConfigBecomesTheJobsClientPropertiesAndDashDWinsAfterIt() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        Configuration conf =
                JobArguments.parse(
                        new String[] {
                            "--bootstrap", "b:9093",
                            "--kafka-config", file.toString(),
                            "-D", "edgesplit.kafka.properties.sasl.mechanism=SCRAM-SHA-512"
                        });

        KafkaClientProperties client = KafkaClientProperties.fromConfig(conf);
        assertThat(conf.get(KafkaOptions.BOOTSTRAP_SERVERS)).isEqualTo("b:9093");
        assertThat(client.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(client.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void aMissingKafkaConfigSaysWhichFile() {
        assertThatThrownBy(
                        () ->
                                JobArguments.parse(
                                        new String[] {
                                            "--kafka-config",
                                            dir.resolve("no.properties").toString()
                                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.properties does not exist");
    }
}
