package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static final String TOPIC = "edgesplit.frames";
    private static final byte[] KEY = "tx2-4".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RAW = {1, 2, 3};

    @Test
    void copiesWhereTheRecordCameFrom() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 2, 99L, KEY, RAW);

        DeadLetterRecord deadLetter = DeadLetterRecord.of(record, "garbage");

        assertThat(deadLetter)
                .isEqualTo(
                        new DeadLetterRecord(
                                TOPIC,
                                2,
                                99L,
                                KEY.clone(),
                                "garbage",
                                RAW.clone(),
                                record.timestamp()));
    }

    @Test
    void roundTripsThroughAvro() {
        DeadLetterRecord full = new DeadLetterRecord(TOPIC, 1, 7L, KEY, "reason", RAW, 1_000L);
        DeadLetterRecord empty =
                new DeadLetterRecord(TOPIC, 0, 0L, null, "null value", null, 2_000L);
        AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);

        for (DeadLetterRecord record : new DeadLetterRecord[] {full, empty}) {
            DeadLetter decoded = codec.decode(codec.encode(record.toAvro()));
            assertThat(DeadLetterRecord.fromAvro(decoded)).isEqualTo(record);
        }
    }

    @Test
    void equalityComparesBytesByContent() {
        DeadLetterRecord a = new DeadLetterRecord(TOPIC, 1, 7L, KEY, "reason", RAW, 1L);
        DeadLetterRecord b =
                new DeadLetterRecord(TOPIC, 1, 7L, KEY.clone(), "reason", RAW.clone(), 1L);
        DeadLetterRecord c = new DeadLetterRecord(TOPIC, 1, 7L, KEY, "reason", new byte[] {9}, 1L);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.toString()).contains("edgesplit.frames-1@7").contains("3 bytes");
    }
}
