package io.edgesplit.job.inference;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.ModelAnalysis;
import java.util.List;

/**
 * The controller decides cut indexes from a model's profile; the inference operators split the
 * model by the analysis of its ONNX graph. Both must mean the same tensors by the same index, or a
 * decided cut would run another split than the one costed. Checked once per model when an operator
 * first loads it.
 */
public final class ProfileCheck {

    private ProfileCheck() {}

    /**
     * Fails in one line when {@code profile} and {@code analysis} differ in the number of cuts or
     * in the tensor names at any cut.
     */
    public static void requireSameCuts(ModelProfile profile, ModelAnalysis analysis) {
        List<CutProfile> cuts = profile.cuts();
        int n = analysis.cuts().size();
        if (cuts.size() != n) {
            throw new IllegalStateException(
                    "profile of model '"
                            + profile.modelId()
                            + "' has "
                            + cuts.size()
                            + " cuts, the model has "
                            + n
                            + ": the profile is of another model or version; re-run edgesplit"
                            + " profile on this model file");
        }
        for (int i = 0; i < n; i++) {
            List<String> fromProfile =
                    cuts.get(i).tensors().stream().map(TensorSpec::name).toList();
            List<String> fromModel = analysis.cuts().get(i).tensorNames();
            if (!fromProfile.equals(fromModel)) {
                throw new IllegalStateException(
                        "profile of model '"
                                + profile.modelId()
                                + "' sends "
                                + fromProfile
                                + " at cut "
                                + i
                                + ", the model's analysis "
                                + fromModel
                                + ": the profile is of another model or version; re-run edgesplit"
                                + " profile on this model file");
            }
        }
    }
}
