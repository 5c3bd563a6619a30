package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {

    @Test
    void everyOptionLivesUnderEdgesplitKafkaAndIsDescribed() throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : KafkaOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                options.add((ConfigOption<?>) field.get(null));
            }
        }

        assertThat(options)
                .extracting(ConfigOption::key)
                .contains(
                        "edgesplit.kafka.bootstrap-servers",
                        "edgesplit.kafka.topic.frames",
                        "edgesplit.kafka.max-message-bytes",
                        "edgesplit.kafka.transaction-timeout")
                .doesNotHaveDuplicates();
        for (ConfigOption<?> option : options) {
            assertThat(option.key()).startsWith("edgesplit.kafka.");
            assertThat(option.description().toString()).as(option.key()).isNotBlank();
        }
    }

    @Test
    void defaultsLetLargeActivationsThroughAndStayBelowBrokerLimits() {
        Configuration config = new Configuration();

        assertThat(config.get(KafkaOptions.MAX_MESSAGE_BYTES))
                .isEqualTo(MemorySize.ofMebiBytes(16));
        assertThat(config.get(KafkaOptions.MAX_MESSAGE_BYTES).getBytes())
                .isGreaterThan(KafkaOptions.KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(config.get(KafkaOptions.TRANSACTION_TIMEOUT))
                .isLessThanOrEqualTo(KafkaOptions.BROKER_DEFAULT_TRANSACTION_MAX_TIMEOUT)
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(config.get(KafkaOptions.DELIVERY_GUARANTEE))
                .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(config.get(KafkaOptions.STARTING_OFFSETS))
                .isEqualTo(KafkaOptions.StartingOffsets.EARLIEST);
        assertThat(config.getOptional(KafkaOptions.BOOTSTRAP_SERVERS)).isEmpty();
    }

    @Test
    void parsesHumanReadableValues() {
        Configuration config = new Configuration();
        config.setString("edgesplit.kafka.max-message-bytes", "32 mb");
        config.setString("edgesplit.kafka.transaction-timeout", "5 min");

        assertThat(config.get(KafkaOptions.MAX_MESSAGE_BYTES).getBytes()).isEqualTo(32L << 20);
        assertThat(config.get(KafkaOptions.TRANSACTION_TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void clientSizePropertiesFollowTheMaxMessageSize() {
        assertThat(KafkaOptions.producerSizeProperties(16L << 20))
                .containsEntry("max.request.size", Long.toString(16L << 20))
                .containsEntry("buffer.memory", Long.toString(32L << 20));
        assertThat(KafkaOptions.producerSizeProperties(64L << 20))
                .containsEntry("max.request.size", Long.toString(64L << 20))
                .containsEntry("buffer.memory", Long.toString(128L << 20));
        assertThat(KafkaOptions.consumerSizeProperties(16L << 20))
                .containsEntry("max.partition.fetch.bytes", Long.toString(16L << 20))
                .containsEntry("fetch.max.bytes", Long.toString(50L << 20));
        assertThat(KafkaOptions.consumerSizeProperties(64L << 20))
                .containsEntry("max.partition.fetch.bytes", Long.toString(64L << 20))
                .containsEntry("fetch.max.bytes", Long.toString(64L << 20));
    }
}
