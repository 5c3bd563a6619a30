package io.edgesplit.onnx.bench;

import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.pipeline.SessionPipelines;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.io.PrintWriter;

/**
 * The provisioning measurement ({@link SessionPipelines#run}) as a harness.
 *
 * <p>Run: {@code java -cp CP io.edgesplit.onnx.bench.ProvisioningRun resnet18 2 6 200} (model,
 * cores, blocks, frames; CP as in docs/pipeline.md).
 */
public final class ProvisioningRun {

    private ProvisioningRun() {}

    public static void main(String[] args) throws Exception {
        OnnxModel model = ModelZoo.build(args[0]);
        int cores = Integer.parseInt(args[1]);
        PrintWriter out = new PrintWriter(System.out, true);
        SessionPipelines.run(
                model,
                ModelAnalyzer.analyze(model, null),
                cores,
                cores,
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                out);
    }
}
