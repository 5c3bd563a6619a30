package io.edgesplit.onnx.bench;

import io.edgesplit.core.pipeline.DeviceNetwork;
import io.edgesplit.core.pipeline.DeviceNetworks;
import io.edgesplit.core.pipeline.PipelineModel;
import io.edgesplit.core.pipeline.Plan;
import io.edgesplit.core.pipeline.Planner;
import io.edgesplit.core.pipeline.StagePlan;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.PipelineModels;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicted throughput of the PSO plan against every baseline, one markdown row per model, on one
 * network file (the table in docs/pipeline.md). Predictions of the cost model, not measurements.
 *
 * <p>Run: {@code mvn -q -pl connectors/onnx exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath io.edgesplit.onnx.bench.PlanComparison
 * docs/pipeline/lan-4-jetsons.yaml resnet18,mobilenetv2,vgg16"} (see docs/pipeline.md for the
 * classpath when jobs/core is not installed).
 */
public final class PlanComparison {

    private PlanComparison() {}

    public static void main(String[] args) {
        DeviceNetwork net = DeviceNetworks.load(Path.of(args[0]));
        List<Planner.Algorithm> algorithms = List.of(Planner.Algorithm.values());
        StringBuilder header = new StringBuilder("| model |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Planner.Algorithm a : algorithms) {
            header.append(' ').append(a.label()).append(" |");
            rule.append("---:|");
        }
        System.out.println(
                header.append(" PSO / best pipeline baseline | PSO / data-parallel | PSO plan |"));
        System.out.println(rule.append("---:|---:|---|"));
        for (String name : args[1].split(",")) {
            OnnxModel onnx = ModelZoo.build(name.trim());
            PipelineModel model = PipelineModels.of(onnx, ModelAnalyzer.analyze(onnx, null));
            StringBuilder row = new StringBuilder("| " + name.trim() + " |");
            Plan pso = null;
            double bestBaseline = 0;
            double dataParallel = 0;
            for (Planner.Algorithm a : algorithms) {
                Plan p = Planner.plan(model, net, a, 1);
                row.append(String.format(Locale.ROOT, " %.1f |", p.predictedFps()));
                if (a == Planner.Algorithm.PSO) {
                    pso = p;
                } else if (a == Planner.Algorithm.DATA_PARALLEL) {
                    dataParallel = p.predictedFps();
                } else if (a != Planner.Algorithm.EXHAUSTIVE) {
                    bestBaseline = Math.max(bestBaseline, p.predictedFps());
                }
            }
            row.append(ratio(pso.predictedFps(), bestBaseline));
            row.append(ratio(pso.predictedFps(), dataParallel));
            System.out.println(row.append(' ').append(describe(pso, net)).append(" |"));
        }
    }

    private static String ratio(double a, double b) {
        return b > 0 ? String.format(Locale.ROOT, " %.2f |", a / b) : " - (baseline infeasible) |";
    }

    private static String describe(Plan plan, DeviceNetwork net) {
        List<String> stages = new ArrayList<>();
        for (StagePlan s : plan.stages()) {
            List<String> ids = new ArrayList<>();
            for (StagePlan.Member m : s.members()) {
                ids.add(net.device(m.device()).id());
            }
            stages.add(
                    String.format(
                            Locale.ROOT,
                            "%s: nodes %d-%d%s",
                            String.join("+", ids),
                            s.fromNode(),
                            s.toNode() - 1,
                            s.members().size() > 1 && s.splitEnd() > s.fromNode()
                                    ? " (rows split to node " + (s.splitEnd() - 1) + ")"
                                    : ""));
        }
        return String.join(" → ", stages);
    }
}
