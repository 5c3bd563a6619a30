package io.edgesplit.kafka;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * What a decoding source emits for one Kafka record: either the decoded and mapped value, or a
 * {@link DeadLetterRecord} saying why there is none. Route the two apart with {@link
 * DecodedSplitter}.
 *
 * <p>A Flink POJO (a Java record) with explicit type information, {@link
 * #typeInfo(TypeInformation)}, so it never falls back to Kryo.
 *
 * @param value the value, or null for a dead letter
 * @param deadLetter the dead letter, or null for a value
 * @param <T> value type
 */
@TypeInfo(DecodedTypeInfoFactory.class)
public record Decoded<T>(T value, DeadLetterRecord deadLetter) {

    public Decoded {
        if ((value == null) == (deadLetter == null)) {
            throw new IllegalArgumentException(
                    "a Decoded holds exactly one of value and deadLetter, got "
                            + (value == null ? "neither" : "both"));
        }
    }

    /** A decoded value. */
    public static <T> Decoded<T> ofValue(T value) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null);
    }

    /** A record that could not be used. */
    public static <T> Decoded<T> ofDeadLetter(DeadLetterRecord deadLetter) {
        return new Decoded<>(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    /** Whether this holds a dead letter rather than a value. */
    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    /**
     * Type information for {@code Decoded<T>}: a POJO of the value's type information and {@link
     * DeadLetterRecord#typeInfo()}.
     */
    public static <T> TypeInformation<Decoded<T>> typeInfo(TypeInformation<T> valueType) {
        Objects.requireNonNull(valueType, "valueType");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Decoded<T>> type = (Class) Decoded.class;
        return new PojoTypeInfo<>(
                type,
                List.of(
                        new PojoField(field("value"), valueType),
                        new PojoField(field("deadLetter"), DeadLetterRecord.typeInfo())));
    }

    private static Field field(String name) {
        try {
            return Decoded.class.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Decoded has no field " + name, e);
        }
    }
}
