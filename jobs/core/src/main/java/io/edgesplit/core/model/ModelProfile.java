package io.edgesplit.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Per-cut costs of one model: the contract between the {@code profile} command, the simulator and
 * the controller. JSON form: {@link ModelProfileJson}.
 *
 * @param modelId model name (built-in zoo name or file stem)
 * @param input the model input (batch 1)
 * @param output the model output (batch 1)
 * @param totalMacs multiply-accumulates of the whole model
 * @param measuredOn how latencies were measured, or null when the profile holds MACs only
 * @param cuts cuts ordered by index, 0 (raw input) .. L (model output)
 */
public record ModelProfile(
        String modelId,
        TensorSpec input,
        TensorSpec output,
        long totalMacs,
        Measurement measuredOn,
        List<CutProfile> cuts) {

    public ModelProfile {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        cuts = List.copyOf(cuts);
        if (cuts.size() < 2) {
            throw new IllegalArgumentException(
                    "model '"
                            + modelId
                            + "' profile needs at least the input and output cuts, got "
                            + cuts.size());
        }
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).index() != i) {
                throw new IllegalArgumentException(
                        "model '"
                                + modelId
                                + "' profile: cut at position "
                                + i
                                + " has index "
                                + cuts.get(i).index());
            }
        }
    }

    /** Index of the last cut (the model output, device-only). */
    public int lastCut() {
        return cuts.size() - 1;
    }

    /** The cut with this index, failing with the valid range. */
    public CutProfile cut(int index) {
        if (index < 0 || index > lastCut()) {
            throw new IllegalArgumentException(
                    "cut "
                            + index
                            + " is out of range for model '"
                            + modelId
                            + "': valid cuts are 0.."
                            + lastCut());
        }
        return cuts.get(index);
    }
}
