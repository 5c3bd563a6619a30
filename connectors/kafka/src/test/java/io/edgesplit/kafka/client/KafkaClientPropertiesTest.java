package io.edgesplit.kafka.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"job\""
                    + " password=\"s3cret-pw\";";

    @TempDir Path dir;

    @Test
    void pairsOverrideTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nrequest.timeout.ms=5000\n");

        KafkaClientProperties p =
                KafkaClientProperties.of(file, List.of("sasl.mechanism=SCRAM-SHA-512"));

        assertThat(p.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.keys()).hasSize(3);
    }

    @Test
    void ourSettingsGoOnTopAndTheUsersStay() {
        KafkaClientProperties p =
                KafkaClientProperties.of(
                        null, List.of("security.protocol=SSL", "linger.ms=50", "acks=1"));
        Properties ours = new Properties();
        ours.setProperty("acks", "all");
        ours.setProperty("bootstrap.servers", "h:9092");

        Properties merged = p.merge(ours);

        assertThat(merged)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("linger.ms", "50")
                .containsEntry("acks", "all")
                .containsEntry("bootstrap.servers", "h:9092");
    }

    @Test
    void keysEdgesplitSetsAreRefusedWithWhatToUseInstead() {
        assertThatThrownBy(() -> KafkaClientProperties.of(null, List.of("bootstrap.servers=x:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers is set by edgesplit; use --bootstrap");
        Configuration conf = new Configuration();
        conf.setString("edgesplit.kafka.properties.transactional.id", "t");
        assertThatThrownBy(() -> KafkaClientProperties.fromConfig(conf))
                .hasMessageContaining("use edgesplit.kafka.transactional-id-prefix");
    }

    @Test
    void badInputSaysWhatToDoWithoutEchoingAValue() {
        assertThatThrownBy(() -> KafkaClientProperties.of(null, List.of("s3cret-pw-no-key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not KEY=VALUE")
                .hasMessageNotContaining("s3cret-pw-no-key");
        assertThatThrownBy(
                        () -> KafkaClientProperties.of(dir.resolve("nope.properties"), List.of()))
                .hasMessageContaining("nope.properties does not exist");
    }

    @Test
    void jobOptionsRoundTripAndToStringNamesKeysOnly() {
        KafkaClientProperties p =
                KafkaClientProperties.of(
                        null, List.of("sasl.jaas.config=" + JAAS, "security.protocol=SASL_SSL"));
        Configuration conf = new Configuration();
        p.asOptions().forEach(conf::setString);

        assertThat(KafkaClientProperties.fromConfig(conf)).isEqualTo(p);
        assertThat(p.toString()).contains("sasl.jaas.config").doesNotContain("s3cret-pw");
    }

    @Test
    void flinkHidesTheSecretsOfJobOptions() {
        KafkaClientProperties p =
                KafkaClientProperties.of(
                        null,
                        List.of(
                                "sasl.jaas.config=" + JAAS,
                                "ssl.keystore.password=s3cret-pw",
                                "ssl.key.password=s3cret-pw",
                                "ssl.truststore.password=s3cret-pw",
                                "security.protocol=SASL_SSL"));

        Map<String, String> shown = ConfigurationUtils.hideSensitiveValues(p.asOptions());

        assertThat(shown.values()).noneMatch(v -> v.contains("s3cret-pw"));
        assertThat(shown).containsEntry("edgesplit.kafka.properties.security.protocol", "SASL_SSL");
    }

    @Test
    void aSecretFlinkWouldShowIsRefusedAsAJobOption() {
        assertThat(KafkaClientProperties.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaClientProperties.isSecret("security.protocol")).isFalse();
        Configuration conf = new Configuration();
        conf.setString("edgesplit.kafka.properties.ssl.keystore.key", "-----BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> KafkaClientProperties.fromConfig(conf))
                .hasMessageContaining("ssl.keystore.key is a secret")
                .hasMessageNotContaining("BEGIN");
    }
}
