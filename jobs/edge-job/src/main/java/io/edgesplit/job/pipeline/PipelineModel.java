package io.edgesplit.job.pipeline;

import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.pipeline.SessionPipelines;
import io.edgesplit.onnx.split.Stage;
import io.edgesplit.onnx.zoo.ModelSource;
import java.util.List;

/**
 * A plan's model split at its stage boundaries ({@code ModelSplitter.split} with a k-party
 * partition): stage i's sub-model takes what stage i-1 outputs.
 */
public final class PipelineModel {

    private PipelineModel() {}

    /**
     * Loads the model ({@code source}: a built-in name or an .onnx file), checks that the plan's
     * stages cover exactly its nodes, and splits it.
     */
    public static List<Stage> split(String source, PipelinePlan plan) {
        OnnxModel model = ModelSource.resolve(source);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        check(plan, analysis);
        return SessionPipelines.split(model, analysis, plan.stageEnds());
    }

    /** Fails in one line when the plan's stages do not end at the model's last node. */
    static void check(PipelinePlan plan, ModelAnalysis analysis) {
        int nodes = analysis.graph().nodeCount();
        int end = plan.stages().get(plan.stages().size() - 1).toNode();
        if (end != nodes) {
            throw new IllegalArgumentException(
                    "the plan's stages end at node "
                            + end
                            + " but model "
                            + analysis.modelId()
                            + " has "
                            + nodes
                            + " nodes: is the plan of this model? (plan it again with edgesplit"
                            + " plan --model "
                            + plan.modelId()
                            + ")");
        }
    }
}
