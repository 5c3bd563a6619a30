package io.edgesplit.onnx.graph;

import io.edgesplit.core.model.TensorSpec;
import java.util.List;
import java.util.Objects;

/**
 * One candidate cut: the activations live after the first {@code position} activation nodes of the
 * topological order. The head runs those nodes, the tail the rest.
 *
 * @param index cut index (0 = raw model input, last = model output)
 * @param position number of activation nodes in the head
 * @param label where the cut is, e.g. "input", "after layer1.1.relu2 (Relu)", "output"
 * @param tensors tensors crossing the cut (batch 1), in production order
 * @param headMacs multiply-accumulates of the head
 * @param tailMacs multiply-accumulates of the tail
 */
public record Cut(
        int index,
        int position,
        String label,
        List<TensorSpec> tensors,
        long headMacs,
        long tailMacs) {

    public Cut {
        Objects.requireNonNull(label, "label");
        tensors = List.copyOf(tensors);
    }

    /** Bytes crossing the cut in the tensors' own types (fp32 for activations). */
    public long bytes() {
        return tensors.stream().mapToLong(TensorSpec::bytes).sum();
    }

    /** Bytes crossing the cut if floating tensors travel as fp16. */
    public long bytesFp16() {
        return tensors.stream().mapToLong(TensorSpec::bytesFp16).sum();
    }

    /** Names of the tensors crossing the cut. */
    public List<String> tensorNames() {
        return tensors.stream().map(TensorSpec::name).toList();
    }
}
