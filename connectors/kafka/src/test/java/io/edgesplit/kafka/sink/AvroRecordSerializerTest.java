package io.edgesplit.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Telemetry;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AvroRecordSerializerTest {

    private static final String TOPIC = "edgesplit.results";
    private static final Telemetry TELEMETRY = new Telemetry("tx2-9", AvroSamples.T0, 3e6);

    @Test
    void writesKeyAndValueAndLeavesTheTimestampToTheProducer() {
        AvroRecordSerializer<Telemetry, DeviceTelemetry> serializer =
                new AvroRecordSerializer<>(
                        TOPIC,
                        DeviceTelemetry.class,
                        Telemetry::toAvro,
                        t -> t.deviceId().getBytes(StandardCharsets.UTF_8),
                        1 << 20);

        ProducerRecord<byte[], byte[]> record =
                serializer.serialize(TELEMETRY, null, Long.MAX_VALUE);

        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("tx2-9");
        assertThat(record.timestamp())
                .as(
                        "the producer stamps the record: Flink's end-of-input timestamp never reaches the broker")
                .isNull();
        assertThat(record.partition()).isNull();
        assertThat(Telemetry.fromAvro(AvroCodec.of(DeviceTelemetry.class).decode(record.value())))
                .isEqualTo(TELEMETRY);
    }

    @Test
    void refusesRecordsAboveTheMaxMessageSize() {
        AvroRecordSerializer<Frame, Frame> serializer =
                new AvroRecordSerializer<>(TOPIC, Frame.class, f -> f, f -> null, 64 * 1024);

        assertThatThrownBy(
                        () -> serializer.serialize(AvroSamples.frame("d", 1L, 70_000), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Frame record of ")
                .hasMessageContaining("exceeds the max message size of 65536 bytes")
                .hasMessageContaining("raise edgesplit.kafka.max-message-bytes");
    }

    @Test
    void deadLetterSinkCutsRawValuesThatWouldNotFit() {
        int limit = 64 * 1024;
        byte[] raw = new byte[limit];
        Arrays.fill(raw, (byte) 7);
        DeadLetterRecord huge =
                new DeadLetterRecord("in", 1, 2L, new byte[] {1}, "garbage", raw, 3L);
        AvroRecordSerializer<DeadLetterRecord, DeadLetter> serializer =
                AvroKafkaSink.deadLetters()
                        .setBootstrapServers("localhost:9092")
                        .setTopic("dlq")
                        .setMaxMessageBytes(limit)
                        .serializer();

        ProducerRecord<byte[], byte[]> record = serializer.serialize(huge, null, 3L);

        DeadLetter written = AvroCodec.of(DeadLetter.class).decode(record.value());
        assertThat(record.value().length + record.key().length)
                .isLessThanOrEqualTo(limit - AvroRecordSerializer.RECORD_OVERHEAD_BYTES);
        assertThat(written.getReason())
                .startsWith("garbage (raw value cut from 65536 to ")
                .endsWith(" bytes to fit the dead-letter topic)");
        assertThat(written.getRaw().remaining()).isLessThan(limit).isGreaterThan(limit - 1024);
        assertThat(written.getRaw().get(0)).isEqualTo((byte) 7);
    }

    @Test
    void deadLettersKeepTheirOriginalKey() {
        byte[] key = {(byte) 0xff, 0};
        DeadLetterRecord deadLetter =
                new DeadLetterRecord("in", 0, 5L, key, "garbage", new byte[] {1}, 9L);
        AvroRecordSerializer<DeadLetterRecord, DeadLetter> serializer =
                new AvroRecordSerializer<>(
                        "dlq",
                        DeadLetter.class,
                        DeadLetterRecord::toAvro,
                        DeadLetterRecord::key,
                        1 << 20);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(deadLetter, null, 9L);

        assertThat(record.key()).isEqualTo(key);
        assertThat(DeadLetterRecord.fromAvro(AvroCodec.of(DeadLetter.class).decode(record.value())))
                .isEqualTo(deadLetter);
    }
}
