package io.edgesplit.onnx.testing;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.runtime.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** Random inputs and comparisons for tests. */
public final class Tensors {

    private Tensors() {}

    /** A float tensor of {@code spec}'s shape with batch {@code batch}, uniform in [0, 1). */
    public static TensorData random(TensorSpec spec, int batch, long seed) {
        long[] shape = spec.shape();
        shape[0] = batch;
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        ByteBuffer bytes =
                ByteBuffer.allocate(Math.toIntExact(elements * 4)).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < elements; i++) {
            bytes.putFloat((float) random.nextDouble());
        }
        bytes.flip();
        return new TensorData(spec.name(), ElementType.FLOAT, shape, bytes);
    }

    /** max |actual - expected| / max |expected| over two float tensors of equal size. */
    public static double relativeError(TensorData actual, TensorData expected) {
        FloatBuffer a = actual.floats();
        FloatBuffer e = expected.floats();
        if (a.remaining() != e.remaining()) {
            throw new AssertionError("sizes differ: " + actual + " vs " + expected);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < a.remaining(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a.get(i) - e.get(i)));
            maxRef = Math.max(maxRef, Math.abs(e.get(i)));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    /** max |actual - expected| over two float tensors of equal size. */
    public static double maxAbsDiff(TensorData actual, TensorData expected) {
        FloatBuffer a = actual.floats();
        FloatBuffer e = expected.floats();
        if (a.remaining() != e.remaining()) {
            throw new AssertionError("sizes differ: " + actual + " vs " + expected);
        }
        double maxDiff = 0;
        for (int i = 0; i < a.remaining(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a.get(i) - e.get(i)));
        }
        return maxDiff;
    }

    /** The sample {@code index} of a batched float tensor, as a batch-1 tensor. */
    public static TensorData sample(TensorData batched, int index) {
        long[] shape = batched.shape();
        int per = batched.byteSize() / (int) shape[0];
        ByteBuffer data = batched.data();
        data.position(index * per).limit((index + 1) * per);
        shape[0] = 1;
        return new TensorData(batched.name(), batched.type(), shape, data);
    }

    /** Batch-1 tensors stacked into one batch. */
    public static TensorData stack(java.util.List<TensorData> samples) {
        TensorData first = samples.get(0);
        ByteBuffer all =
                ByteBuffer.allocate(first.byteSize() * samples.size())
                        .order(ByteOrder.LITTLE_ENDIAN);
        samples.forEach(s -> all.put(s.data()));
        all.flip();
        long[] shape = first.shape();
        shape[0] = samples.size();
        return new TensorData(first.name(), first.type(), shape, all);
    }
}
