package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import io.edgesplit.kafka.sink.AvroKafkaSink;
import io.edgesplit.kafka.source.AvroKafkaSource;
import io.edgesplit.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded Flink job reads a topic holding good and bad records through the decoding source,
 * routes dead letters through a side output into the dead-letter sink and values into a results
 * sink: the dead-letter topic holds exactly the bad records, with reasons and offsets, and every
 * good record passes through.
 */
class DeadLetterRoutingITCase {

    private static final String IN = "dlq-it.telemetry";
    private static final String OUT = "dlq-it.results";
    private static final String DLQ = "dlq-it.deadletters";
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARTITIONS)
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .build());

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(PARTITIONS, IN, OUT, DLQ);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndGoodOnesPassThrough() throws Exception {
        List<Telemetry> good = new ArrayList<>();
        List<DeadLetterRecord> expectedDeadLetters = new ArrayList<>();
        try (AvroProducer producer = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            long t = AvroSamples.T0;
            for (int i = 0; i < 6; i++) {
                String device = "dev-" + i;
                producer.send(
                                IN,
                                device,
                                AvroSamples.telemetry(device, t + i, 1e6 * (i + 1)),
                                t + i)
                        .get();
                good.add(new Telemetry(device, t + i, 1e6 * (i + 1)));
            }
            byte[] json = "{\"deviceId\":\"dev-x\"}".getBytes(StandardCharsets.UTF_8);
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-json",
                            json,
                            t + 10,
                            "not Avro single-object encoded (bad marker 0x7b22)"));
            byte[] unknown =
                    AvroCodec.of(DeviceTelemetry.class)
                            .encode(AvroSamples.telemetry("dev-fp", t, 1.0));
            ByteBuffer.wrap(unknown, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdeadbeefL);
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-fp",
                            unknown,
                            t + 11,
                            "unknown schema fingerprint 0x00000000deadbeef (not one of the "
                                    + AvroCodec.of(DeviceTelemetry.class).knownVersions()
                                    + " bundled DeviceTelemetry versions)"));
            byte[] frame = AvroCodec.of(Frame.class).encode(AvroSamples.frame("dev-frame", 1L, 16));
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-frame",
                            frame,
                            t + 12,
                            "record of type Frame where DeviceTelemetry was expected"));
            byte[] negative =
                    AvroCodec.of(DeviceTelemetry.class)
                            .encode(AvroSamples.telemetry("dev-neg", t, -5.0));
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-neg",
                            negative,
                            t + 13,
                            "negative uplink bandwidth -5.0 bit/s from device dev-neg"));
            byte[] truncated = Arrays.copyOf(negative, 14);
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-cut",
                            truncated,
                            t + 14,
                            "truncated record: DeviceTelemetry body of 4 bytes ends early (string"
                                    + " of 7 bytes but only 3 bytes left)"));
            expectedDeadLetters.add(
                    sendBad(
                            producer,
                            "dev-null",
                            null,
                            t + 15,
                            "null value (tombstone) where DeviceTelemetry was expected"));
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(PARTITIONS);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();

        SingleOutputStreamOperator<Telemetry> telemetry =
                env.fromSource(
                                AvroKafkaSource.builder(
                                                DeviceTelemetry.class,
                                                Telemetry::fromAvro,
                                                Telemetry.typeInfo())
                                        .setBootstrapServers(kafka.bootstrapServers())
                                        .setTopic(IN)
                                        .setGroupId("dlq-it")
                                        .setBounded(OffsetsInitializer.latest())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "telemetry")
                        .process(new DecodedSplitter<>(Telemetry.typeInfo()))
                        .name("split-dead-letters");
        telemetry
                .getSideOutput(DecodedSplitter.DEAD_LETTERS)
                .sinkTo(
                        AvroKafkaSink.deadLetters()
                                .setBootstrapServers(kafka.bootstrapServers())
                                .setTopic(DLQ)
                                .build())
                .name("dead-letters");
        telemetry
                .sinkTo(
                        AvroKafkaSink.builder(DeviceTelemetry.class, Telemetry::toAvro)
                                .setBootstrapServers(kafka.bootstrapServers())
                                .setTopic(OUT)
                                .setKeyExtractor(Telemetry::deviceId)
                                .build())
                .name("results");
        JobExecutionResult result = env.execute("dead-letter routing");

        List<DeadLetterRecord> deadLetters =
                TopicReader.readAllValues(kafka.bootstrapServers(), DLQ, DeadLetter.class, TIMEOUT)
                        .stream()
                        .map(DeadLetterRecord::fromAvro)
                        .toList();
        assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
        assertThat(
                        TopicReader.readAllValues(
                                kafka.bootstrapServers(), OUT, DeviceTelemetry.class, TIMEOUT))
                .map(Telemetry::fromAvro)
                .containsExactlyInAnyOrderElementsOf(good);
        assertThat(deadLetterCount(result)).isEqualTo(expectedDeadLetters.size());
    }

    /** Sends a bad record and returns the dead letter it should become. */
    private static DeadLetterRecord sendBad(
            AvroProducer producer, String key, byte[] value, long timestamp, String reason)
            throws Exception {
        RecordMetadata sent = producer.sendRaw(IN, key, value, timestamp).get();
        return new DeadLetterRecord(
                IN,
                sent.partition(),
                sent.offset(),
                key.getBytes(StandardCharsets.UTF_8),
                reason,
                value,
                timestamp);
    }

    private static long deadLetterCount(JobExecutionResult result) {
        Map<String, Metric> metrics =
                METRICS.findMetrics(result.getJobID(), "deserializer.deadLetters");
        assertThat(metrics).as("deadLetters counters of the source subtasks").isNotEmpty();
        return metrics.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
