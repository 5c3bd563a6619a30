package io.edgesplit.onnx.split;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import java.util.List;
import java.util.Objects;

/**
 * The two halves of a model split at one cut: {@code tail(head(x))} equals the model's output.
 *
 * @param head runs on the device: the model input in, the cut tensors out
 * @param tail runs on the edge: the cut tensors in, the model output out
 * @param cutTensors the tensors crossing the cut (batch 1), in the head's output order
 */
public record SplitModels(OnnxModel head, OnnxModel tail, List<TensorSpec> cutTensors) {

    public SplitModels {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
        cutTensors = List.copyOf(cutTensors);
    }
}
