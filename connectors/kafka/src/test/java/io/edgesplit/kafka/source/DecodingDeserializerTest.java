package io.edgesplit.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.Telemetry;
import io.edgesplit.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodingDeserializerTest {

    private static final String TOPIC = "edgesplit.telemetry";
    private static final String DEVICE = "nano-1";
    private static final byte[] KEY = DEVICE.getBytes(StandardCharsets.UTF_8);
    private static final int PARTITION = 1;
    private static final long OFFSET = 41L;
    private static final long TIMESTAMP = AvroSamples.T0 + 5;

    private final Map<String, Counter> counters = new HashMap<>();
    private DecodingDeserializer<DeviceTelemetry, Telemetry> deserializer;

    @BeforeEach
    void open() {
        deserializer =
                AvroKafkaSource.deserializer(
                        DeviceTelemetry.class, Telemetry::fromAvro, Telemetry.typeInfo());
        deserializer.open(new Context(counters));
    }

    @Test
    void decodesAndMapsAGoodRecord() {
        byte[] value = encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 4e6));

        List<Decoded<Telemetry>> out = deserialize(value);

        assertThat(out)
                .containsExactly(Decoded.ofValue(new Telemetry(DEVICE, AvroSamples.T0, 4e6)));
        assertThat(deadLetters()).isZero();
    }

    @Test
    void garbageBecomesADeadLetterWithSourceAndBytes() {
        byte[] json = "{\"deviceId\":\"nano-1\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetterRecord deadLetter = single(deserialize(json));

        assertThat(deadLetter)
                .isEqualTo(
                        new DeadLetterRecord(
                                TOPIC,
                                PARTITION,
                                OFFSET,
                                KEY,
                                "not Avro single-object encoded (bad marker 0x7b22)",
                                json,
                                TIMESTAMP));
        assertThat(deadLetters()).isEqualTo(1);
    }

    @Test
    void unknownFingerprintBecomesADeadLetter() {
        byte[] value = encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 4e6));
        ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x5eedL);

        assertThat(single(deserialize(value)).reason())
                .isEqualTo(
                        "unknown schema fingerprint 0x0000000000005eed (not one of the "
                                + AvroCodec.of(DeviceTelemetry.class).knownVersions()
                                + " bundled DeviceTelemetry versions)");
    }

    @Test
    void recordOfAnotherTypeBecomesADeadLetter() {
        byte[] frame = AvroCodec.of(Frame.class).encode(AvroSamples.frame(DEVICE, 1L, 8));

        assertThat(single(deserialize(frame)).reason())
                .isEqualTo("record of type Frame where DeviceTelemetry was expected");
    }

    @Test
    void truncatedRecordBecomesADeadLetter() {
        byte[] value = encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 4e6));

        assertThat(single(deserialize(Arrays.copyOf(value, value.length - 3))).reason())
                .startsWith("truncated record: DeviceTelemetry body of ");
    }

    @Test
    void nullValueBecomesADeadLetter() {
        DeadLetterRecord deadLetter = single(deserialize(null));

        assertThat(deadLetter.reason())
                .isEqualTo("null value (tombstone) where DeviceTelemetry was expected");
        assertThat(deadLetter.raw()).isNull();
    }

    @Test
    void mapperRejectionBecomesADeadLetterWithItsMessage() {
        byte[] value = encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, -1.0));

        assertThat(single(deserialize(value)).reason())
                .isEqualTo("negative uplink bandwidth -1.0 bit/s from device nano-1");
    }

    @Test
    void mapperBugBecomesADeadLetterNamingTheException() {
        DecodingDeserializer<DeviceTelemetry, Telemetry> failing =
                AvroKafkaSource.deserializer(
                        DeviceTelemetry.class,
                        t -> {
                            throw new IllegalStateException("profile table not loaded");
                        },
                        Telemetry.typeInfo());
        failing.open(new Context(counters));
        byte[] value = encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 1.0));

        Decoded<Telemetry> out = failing.decode(record(value));

        assertThat(out.deadLetter().reason())
                .isEqualTo(
                        "mapper failed on DeviceTelemetry: IllegalStateException: profile table not loaded");
    }

    @Test
    void mapperReturningNullBecomesADeadLetter() {
        DecodingDeserializer<DeviceTelemetry, Telemetry> nulls =
                AvroKafkaSource.deserializer(
                        DeviceTelemetry.class, t -> null, Telemetry.typeInfo());

        Decoded<Telemetry> out =
                nulls.decode(record(encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 1.0))));

        assertThat(out.deadLetter().reason())
                .isEqualTo("mapper returned no value for DeviceTelemetry");
    }

    @Test
    void countsEveryDeadLetter() {
        deserialize(new byte[] {1, 2, 3});
        deserialize(null);
        deserialize(encode(AvroSamples.telemetry(DEVICE, AvroSamples.T0, 1.0)));

        assertThat(deadLetters()).isEqualTo(2);
    }

    @Test
    void producesDecodedTypeInfo() {
        assertThat(deserializer.getProducedType())
                .isEqualTo(Decoded.typeInfo(Telemetry.typeInfo()));
    }

    private long deadLetters() {
        return Optional.ofNullable(counters.get(DecodingDeserializer.DEAD_LETTERS_METRIC))
                .map(Counter::getCount)
                .orElse(0L);
    }

    private List<Decoded<Telemetry>> deserialize(byte[] value) {
        List<Decoded<Telemetry>> out = new ArrayList<>();
        deserializer.deserialize(
                record(value),
                new Collector<>() {
                    @Override
                    public void collect(Decoded<Telemetry> record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    private static DeadLetterRecord single(List<Decoded<Telemetry>> out) {
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isDeadLetter())
                .as("dead letter expected, got %s", out.get(0))
                .isTrue();
        return out.get(0).deadLetter();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(
                TOPIC,
                PARTITION,
                OFFSET,
                TIMESTAMP,
                TimestampType.CREATE_TIME,
                KEY.length,
                value == null ? -1 : value.length,
                KEY,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    private static byte[] encode(DeviceTelemetry telemetry) {
        return AvroCodec.of(DeviceTelemetry.class).encode(telemetry);
    }

    /** The source reader's context: a metric group that remembers its counters. */
    private record Context(Map<String, Counter> counters)
            implements DeserializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup() {
                @Override
                public Counter counter(String name) {
                    return counter(name, new SimpleCounter());
                }

                @Override
                public <C extends Counter> C counter(String name, C counter) {
                    counters.put(name, counter);
                    return counter;
                }
            };
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }
}
