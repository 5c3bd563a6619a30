package io.edgesplit.job.events;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor as it travels through the job: raw little-endian bytes plus element type and shape.
 *
 * @param name tensor name in the model graph
 * @param elementType element type
 * @param shape shape, batch dimension first
 * @param data raw little-endian bytes, {@code elements * elementType.bytes()} long
 */
public record TensorPayload(String name, ElementType elementType, long[] shape, byte[] data) {

    public TensorPayload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
    }

    /** Number of elements the shape describes (0 if a dimension is not positive). */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                return 0;
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Why this tensor does not match {@code expected} (name aside), or null when it does. Batch
     * dimension must be 1.
     */
    public String mismatch(TensorSpec expected) {
        if (elementType != expected.elementType()) {
            return "tensor '"
                    + name
                    + "' has element type "
                    + elementType
                    + ", expected "
                    + expected.elementType();
        }
        if (!Arrays.equals(shape, expected.shape())) {
            return "tensor '"
                    + name
                    + "' has shape "
                    + Arrays.toString(shape)
                    + ", expected "
                    + Arrays.toString(expected.shape());
        }
        long expectedBytes = expected.bytes();
        if (data.length != expectedBytes) {
            return "tensor '"
                    + name
                    + "' carries "
                    + data.length
                    + " bytes, its shape needs "
                    + expectedBytes;
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorPayload t
                && name.equals(t.name)
                && elementType == t.elementType
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, elementType, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + ":" + elementType + Arrays.toString(shape) + "(" + data.length + " B)";
    }
}
