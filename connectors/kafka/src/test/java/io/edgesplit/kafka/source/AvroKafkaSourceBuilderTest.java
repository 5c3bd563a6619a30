package io.edgesplit.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.Telemetry;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.Test;

class AvroKafkaSourceBuilderTest {

    private static final String BOOTSTRAP = "localhost:9092";
    private static final String TOPIC = "edgesplit.telemetry";

    private static AvroKafkaSourceBuilder<DeviceTelemetry, Telemetry> builder() {
        return AvroKafkaSource.builder(
                DeviceTelemetry.class, Telemetry::fromAvro, Telemetry.typeInfo());
    }

    @Test
    void buildsAnUnboundedSourceOfDecodedValues() {
        KafkaSource<Decoded<Telemetry>> source =
                builder().setBootstrapServers(BOOTSTRAP).setTopic(TOPIC).build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.getProducedType()).isEqualTo(Decoded.typeInfo(Telemetry.typeInfo()));
    }

    @Test
    void readsCommittedAndFetchesRecordsUpToTheMaxMessageSize() {
        AvroKafkaSourceBuilder<DeviceTelemetry, Telemetry> builder =
                builder().setBootstrapServers(BOOTSTRAP).setTopic(TOPIC);

        assertThat(builder.consumerProperties())
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("max.partition.fetch.bytes", Long.toString(16L << 20))
                .containsEntry("fetch.max.bytes", Long.toString(50L << 20));
    }

    @Test
    void appliesOptions() {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, BOOTSTRAP);
        config.set(KafkaOptions.MAX_MESSAGE_BYTES, MemorySize.ofMebiBytes(64));

        AvroKafkaSourceBuilder<DeviceTelemetry, Telemetry> builder =
                builder()
                        .applyOptions(config)
                        .setTopic(TOPIC)
                        .setBounded(OffsetsInitializer.latest());

        assertThat(builder.consumerProperties())
                .containsEntry("max.partition.fetch.bytes", Long.toString(64L << 20))
                .containsEntry("fetch.max.bytes", Long.toString(64L << 20));
        assertThat(builder.build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> builder().setTopic(TOPIC).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "DeviceTelemetry source: bootstrap servers not set: call"
                                + " setBootstrapServers(\"host:9092\") or set"
                                + " edgesplit.kafka.bootstrap-servers");
        assertThatThrownBy(() -> builder().setBootstrapServers(BOOTSTRAP).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "DeviceTelemetry source: topic not set: call setTopic(...), e.g. with"
                                + " EdgesplitTopics");
    }

    @Test
    void refusesSettingsThatWouldLoseOrBlockRecords() {
        assertThatThrownBy(
                        () ->
                                builder()
                                        .setBootstrapServers(BOOTSTRAP)
                                        .setTopic(TOPIC)
                                        .setProperty("max.partition.fetch.bytes", "1048576")
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "max.partition.fetch.bytes=1048576 is below the max message size 16777216");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .setBootstrapServers(BOOTSTRAP)
                                        .setTopic(TOPIC)
                                        .setProperty("isolation.level", "read_uncommitted")
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "isolation.level=read_uncommitted would let records of aborted transactions");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .setBootstrapServers(BOOTSTRAP)
                                        .setTopic(TOPIC)
                                        .setMaxMessageBytes(0)
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max message bytes 0 is out of range");
    }
}
