package io.edgesplit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Decoded and DeadLetterRecord are Flink POJOs: no Kryo anywhere, serializers round-trip. */
class DecodedTypeInfoTest {

    private static final DeadLetterRecord DEAD_LETTER =
            new DeadLetterRecord(
                    "edgesplit.telemetry",
                    3,
                    17L,
                    "nano-1".getBytes(StandardCharsets.UTF_8),
                    "not Avro single-object encoded (bad marker 0x7b22)",
                    "{\"x\":1}".getBytes(StandardCharsets.UTF_8),
                    1_700_000_000_000L);

    @Test
    void decodedIsAPojoWithoutGenericTypes() {
        TypeInformation<Decoded<Telemetry>> type = Decoded.typeInfo(Telemetry.typeInfo());

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertNoGenericTypes(type);
    }

    @Test
    void typeExtractionUsesTheFactory() {
        TypeInformation<Decoded<Telemetry>> extracted =
                TypeInformation.of(new TypeHint<Decoded<Telemetry>>() {});

        assertThat(extracted).isEqualTo(Decoded.typeInfo(Telemetry.typeInfo()));
    }

    @Test
    void deadLetterRecordIsAPojo() {
        assertThat(DeadLetterRecord.typeInfo()).isInstanceOf(PojoTypeInfo.class);
        assertNoGenericTypes(DeadLetterRecord.typeInfo());
    }

    @Test
    void serializerRoundTripsValuesAndDeadLettersWithGenericTypesDisabled() throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<Decoded<Telemetry>> serializer =
                Decoded.typeInfo(Telemetry.typeInfo()).createSerializer(config);
        Decoded<Telemetry> value = Decoded.ofValue(new Telemetry("nano-1", 5L, 2.5e6));
        Decoded<Telemetry> deadLetter = Decoded.ofDeadLetter(DEAD_LETTER);

        assertThat(roundTrip(serializer, value)).isEqualTo(value);
        assertThat(roundTrip(serializer, deadLetter)).isEqualTo(deadLetter);
        assertThat(roundTrip(serializer.duplicate(), deadLetter).deadLetter().raw())
                .isEqualTo(DEAD_LETTER.raw());
    }

    @Test
    void deadLetterWithoutKeyOrValueRoundTrips() throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<DeadLetterRecord> serializer =
                DeadLetterRecord.typeInfo().createSerializer(config);
        DeadLetterRecord tombstone =
                new DeadLetterRecord("t", 0, 1L, null, "null value", null, -1L);

        assertThat(roundTrip(serializer, tombstone)).isEqualTo(tombstone);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static void assertNoGenericTypes(TypeInformation<?> type) {
        assertThat(type).as("%s falls back to Kryo", type).isNotInstanceOf(GenericTypeInfo.class);
        if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoGenericTypes(composite.getTypeAt(i));
            }
        }
    }
}
