package io.edgesplit.onnx.split;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import java.util.List;
import java.util.Objects;

/**
 * One party's part of a partitioned model, a stand-alone ONNX model: it takes what the previous
 * party sends (the model input for the first party) and outputs what the next party needs (the
 * model output for the last). Tensors that a later party reads pass through it unchanged.
 *
 * @param party the party's name, e.g. "device", "edge", "stage-2"
 * @param model the sub-model
 * @param inputs its inputs (batch 1), in the previous boundary's order
 * @param outputs its outputs (batch 1), in the next boundary's order
 */
public record Stage(
        String party, OnnxModel model, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public Stage {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
