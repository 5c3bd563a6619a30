package io.edgesplit.onnx.zoo;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic pseudo-random weights written straight into little-endian {@code raw_data} bytes.
 *
 * <p>SplitMix64 seeded from the model seed and the tensor name, so a tensor's values do not depend
 * on the order in which tensors are built; each 64-bit draw yields two floats. VGG-16's 138 M
 * weights take well under a second.
 */
final class Weights {

    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final float TWO_TO_MINUS_23 = 0x1.0p-23f;

    private Weights() {}

    /** {@code count} floats uniform in [-bound, bound), as raw little-endian bytes. */
    static ByteString uniform(long modelSeed, String tensorName, int count, float bound) {
        byte[] bytes = new byte[Math.multiplyExact(count, 4)];
        long state = seed(modelSeed, tensorName);
        int i = 0;
        while (i < count) {
            state += 0x9E3779B97F4A7C15L;
            long z = mix(state);
            FLOAT_LE.set(bytes, i * 4, toUniform((int) (z >>> 40), bound));
            i++;
            if (i < count) {
                FLOAT_LE.set(bytes, i * 4, toUniform((int) (z >>> 8) & 0xFFFFFF, bound));
                i++;
            }
        }
        return UnsafeByteOperations.unsafeWrap(bytes);
    }

    /** Maps 24 random bits to [-bound, bound). */
    private static float toUniform(int bits24, float bound) {
        return (bits24 * TWO_TO_MINUS_23 - 1f) * bound;
    }

    private static long seed(long modelSeed, String tensorName) {
        long h = modelSeed;
        for (byte b : tensorName.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
