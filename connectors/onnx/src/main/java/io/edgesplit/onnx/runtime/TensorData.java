package io.edgesplit.onnx.runtime;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A tensor as raw little-endian bytes: what travels in a {@code Frame} and what {@link ModelRunner}
 * consumes and produces. The buffer is a read-only view of the bytes between the given buffer's
 * position and limit (no copy); the record never exposes a mutable view.
 *
 * @param name tensor name in the ONNX graph
 * @param type element type
 * @param shape shape, batch dimension first
 * @param data the elements, little-endian, row-major
 */
public record TensorData(String name, ElementType type, long[] shape, ByteBuffer data) {

    public TensorData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long elements = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "tensor '"
                                + name
                                + "' has a non-positive dimension in "
                                + describe(type, shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        long expected = elements * type.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': "
                            + describe(type, shape)
                            + " needs "
                            + expected
                            + " bytes, got "
                            + data.remaining());
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Wraps a byte array (not copied). */
    public static TensorData of(String name, ElementType type, long[] shape, byte[] bytes) {
        return new TensorData(name, type, shape, ByteBuffer.wrap(bytes));
    }

    /** A float tensor from values (copied into little-endian bytes). */
    public static TensorData ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer buffer =
                ByteBuffer.allocate(Math.multiplyExact(values.length, 4))
                        .order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new TensorData(name, ElementType.FLOAT, shape, buffer);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A read-only little-endian view of the bytes, positioned at 0. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of elements. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Size of the data in bytes. */
    public int byteSize() {
        return data.remaining();
    }

    /** Dimension 0 (the batch size for batched models). */
    public long batch() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    /** A read-only float view; fails unless the type is {@link ElementType#FLOAT}. */
    public FloatBuffer floats() {
        if (type != ElementType.FLOAT) {
            throw new IllegalStateException(
                    "tensor '" + name + "' is " + describe(type, shape) + ", not float");
        }
        return data().asFloatBuffer();
    }

    /** This tensor's name, type and shape as a {@link TensorSpec}. */
    public TensorSpec spec() {
        return new TensorSpec(name, type, shape);
    }

    /** "float[1,3,224,224]". */
    static String describe(ElementType type, long[] shape) {
        StringBuilder sb = new StringBuilder(type.name().toLowerCase(Locale.ROOT)).append('[');
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t
                && name.equals(t.name)
                && type == t.type
                && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), data);
    }

    @Override
    public String toString() {
        return "TensorData(" + name + ": " + describe(type, shape) + ")";
    }
}
