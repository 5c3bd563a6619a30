package io.edgesplit.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.Telemetry;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class AvroKafkaSinkBuilderTest {

    private static final String BOOTSTRAP = "localhost:9092";
    private static final String TOPIC = "edgesplit.results";

    private static AvroKafkaSinkBuilder<Telemetry, DeviceTelemetry> complete() {
        return AvroKafkaSink.builder(DeviceTelemetry.class, Telemetry::toAvro)
                .setBootstrapServers(BOOTSTRAP)
                .setTopic(TOPIC)
                .setKeyExtractor(Telemetry::deviceId);
    }

    @Test
    void buildsWithDefaults() {
        assertThat(complete().build()).isNotNull();
        assertThat(complete().producerProperties())
                .containsEntry("max.request.size", Long.toString(16L << 20))
                .containsEntry(
                        "transaction.timeout.ms", Long.toString(Duration.ofMinutes(10).toMillis()));
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> complete().setBootstrapServers(null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DeviceTelemetry sink: bootstrap servers not set");
        assertThatThrownBy(() -> complete().setTopic(" ").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DeviceTelemetry sink: topic not set");
        assertThatThrownBy(
                        () ->
                                AvroKafkaSink.builder(DeviceTelemetry.class, Telemetry::toAvro)
                                        .setBootstrapServers(BOOTSTRAP)
                                        .setTopic(TOPIC)
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "DeviceTelemetry sink: key extractor not set: call"
                                + " setKeyExtractor(r -> r.deviceId()) (records are keyed by"
                                + " deviceId)");
    }

    @Test
    void exactlyOnceNeedsATransactionalIdPrefix() {
        assertThatThrownBy(
                        () ->
                                complete()
                                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EXACTLY_ONCE needs a transactional id prefix")
                .hasMessageContaining("edgesplit.kafka.transactional-id-prefix");
        assertThat(
                        complete()
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix("job-results")
                                .build())
                .isNotNull();
    }

    @Test
    void transactionTimeoutMustStayBelowTheBrokerMaximum() {
        assertThatThrownBy(
                        () ->
                                complete()
                                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                        .setTransactionalIdPrefix("p")
                                        .setTransactionTimeout(Duration.ofHours(1))
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "transaction timeout PT1H exceeds the broker's transaction.max.timeout.ms of PT15M");
        assertThat(
                        complete()
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix("p")
                                .setTransactionTimeout(Duration.ofHours(1))
                                .setBrokerTransactionMaxTimeout(Duration.ofHours(2))
                                .build())
                .isNotNull();
    }

    @Test
    void optionsGiveEachSinkItsOwnTransactionalIdPrefix() {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, BOOTSTRAP);
        config.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "lab");

        AvroKafkaSinkBuilder<Telemetry, DeviceTelemetry> results =
                AvroKafkaSink.builder(DeviceTelemetry.class, Telemetry::toAvro)
                        .applyOptions(config)
                        .setTopic(TOPIC)
                        .setKeyExtractor(Telemetry::deviceId);

        assertThat(results.effectiveTransactionalIdPrefix()).isEqualTo("lab-edgesplit.results");
        assertThat(results.build()).isNotNull();
        assertThat(results.setTransactionalIdPrefix("mine").effectiveTransactionalIdPrefix())
                .isEqualTo("mine");
    }

    @Test
    void deadLetterSinkNeedsOnlyConnectionAndTopic() {
        assertThat(
                        AvroKafkaSink.deadLetters()
                                .setBootstrapServers(BOOTSTRAP)
                                .setTopic("dlq")
                                .build())
                .isNotNull();
    }
}
