package io.edgesplit.job.pipeline;

import io.edgesplit.core.pipeline.CostModel;
import io.edgesplit.core.pipeline.DeviceNetwork;
import io.edgesplit.core.pipeline.DeviceNetworks;
import io.edgesplit.core.pipeline.InterLayerDp;
import io.edgesplit.core.pipeline.Plan;
import io.edgesplit.core.pipeline.PlanFormat;
import io.edgesplit.core.pipeline.StagePlan;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.PipelineModels;
import io.edgesplit.onnx.zoo.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans written the way {@code edgesplit plan --out} writes them, for a fixed placement: the
 * planner's inter-layer DP chooses the cuts and its cost model every stage's times.
 */
final class PlanFixtures {

    private PlanFixtures() {}

    /**
     * Writes the plan of {@code model} on {@code groups} (device indices of {@code types}, one
     * group per stage) to {@code file}.
     */
    static Path write(String model, List<String> types, List<int[]> groups, Path file)
            throws IOException {
        OnnxModel onnx = ModelSource.resolve(model);
        var pm = PipelineModels.of(onnx, ModelAnalyzer.analyze(onnx, null));
        DeviceNetwork net = DeviceNetworks.ofTypes(types);
        CostModel cost = new CostModel(pm, net);
        InterLayerDp.Result r = InterLayerDp.solve(cost, groups);
        List<StagePlan> stages = new ArrayList<>();
        int prev = net.source();
        for (int i = 0; i < groups.size(); i++) {
            StagePlan s = cost.stage(groups.get(i), prev, r.cuts()[i], r.cuts()[i + 1]);
            stages.add(s);
            prev = s.leader();
        }
        Plan plan = new Plan("fixed", pm.graph().modelId(), false, stages, r.period());
        Files.writeString(file, PlanFormat.json(plan, pm, net).toPrettyString());
        return file;
    }
}
