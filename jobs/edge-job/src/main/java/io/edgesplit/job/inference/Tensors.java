package io.edgesplit.job.inference;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.onnx.runtime.TensorData;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the job's tensors and the runner's, batching, and top-1 extraction. */
public final class Tensors {

    private Tensors() {}

    public static TensorData toData(TensorPayload t) {
        return TensorData.of(t.name(), t.elementType(), t.shape(), t.data());
    }

    public static TensorPayload toPayload(TensorData t) {
        return new TensorPayload(t.name(), t.type(), t.shape(), t.toByteArray());
    }

    public static List<TensorData> toData(TensorPayload[] tensors) {
        List<TensorData> out = new ArrayList<>(tensors.length);
        for (TensorPayload t : tensors) {
            out.add(toData(t));
        }
        return out;
    }

    public static TensorPayload[] toPayloads(List<TensorData> tensors) {
        TensorPayload[] out = new TensorPayload[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toPayload(tensors.get(i));
        }
        return out;
    }

    /**
     * Stacks batch-1 tensors along the batch dimension, one stacked tensor per runner input. A
     * batch of one is the item's own bytes, not a copy (the runner copies its inputs anyway).
     *
     * @param inputs the runner's inputs (batch-1 specs)
     * @param items per item, its tensors (matched to the inputs by name)
     */
    public static List<TensorData> stack(List<TensorSpec> inputs, List<TensorPayload[]> items) {
        int n = items.size();
        List<TensorData> out = new ArrayList<>(inputs.size());
        for (TensorSpec spec : inputs) {
            int rowBytes = Math.toIntExact(spec.bytes());
            byte[] data;
            if (n == 1) {
                data = row(items.get(0), 0, spec, rowBytes);
            } else {
                data = new byte[Math.multiplyExact(rowBytes, n)];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(
                            row(items.get(i), i, spec, rowBytes), 0, data, i * rowBytes, rowBytes);
                }
            }
            long[] shape = spec.shape();
            shape[0] = n;
            out.add(TensorData.of(spec.name(), spec.elementType(), shape, data));
        }
        return out;
    }

    /** The bytes of batch item {@code i}'s tensor for {@code spec}, checked to be one row. */
    private static byte[] row(TensorPayload[] item, int i, TensorSpec spec, int rowBytes) {
        TensorPayload t = find(item, spec.name());
        if (t == null) {
            throw new IllegalArgumentException(
                    "no tensor named '" + spec.name() + "' among " + List.of(item));
        }
        if (t.data().length != rowBytes) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + spec.name()
                            + "' of batch item "
                            + i
                            + " has "
                            + t.data().length
                            + " bytes, expected "
                            + rowBytes);
        }
        return t.data();
    }

    /** The tensor with this name, or null. */
    public static TensorPayload find(TensorPayload[] tensors, String name) {
        for (TensorPayload t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Top-1 class and its softmax probability for each row of a float [N, C] logits tensor. */
    public record Top1(int index, float score) {}

    public static Top1[] top1(TensorData logits) {
        if (logits.type() != ElementType.FLOAT) {
            throw new IllegalArgumentException(
                    "model output '"
                            + logits.name()
                            + "' is "
                            + logits.type()
                            + ", expected FLOAT logits");
        }
        long[] shape = logits.shape();
        int rows = Math.toIntExact(shape[0]);
        FloatBuffer f = logits.floats();
        int cols = f.remaining() / Math.max(rows, 1);
        Top1[] out = new Top1[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            float max = f.get(base);
            for (int c = 1; c < cols; c++) {
                float v = f.get(base + c);
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(f.get(base + c) - max);
            }
            out[r] = new Top1(best, (float) (1.0 / sum));
        }
        return out;
    }
}
