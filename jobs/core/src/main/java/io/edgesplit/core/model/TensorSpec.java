package io.edgesplit.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor with a static shape, as it crosses a cut or enters/leaves a model.
 *
 * @param name tensor name in the ONNX graph
 * @param elementType element type
 * @param shape static shape, batch dimension included (batch 1 for profiles)
 */
public record TensorSpec(String name, ElementType elementType, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementType, "elementType");
        shape = shape.clone();
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has a non-static shape " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes in the tensor's own element type. */
    public long bytes() {
        return elements() * elementType.bytes();
    }

    /** Bytes if floating-point elements are sent as fp16 (integer tensors keep their size). */
    public long bytesFp16() {
        return switch (elementType) {
            case FLOAT, DOUBLE, FLOAT16 -> elements() * 2;
            default -> bytes();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t
                && name.equals(t.name)
                && elementType == t.elementType
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, elementType, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name
                + ":"
                + elementType.name().toLowerCase(java.util.Locale.ROOT)
                + Arrays.toString(shape);
    }
}
