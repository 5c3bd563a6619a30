package io.edgesplit.onnx.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.Tensors;
import java.nio.FloatBuffer;

/** Checks that a zoo model's logits are finite and vary across classes and inputs. */
final class ZooOutputs {

    private ZooOutputs() {}

    static void assertFiniteAndVaried(OnnxModel model) {
        try (ModelRunner runner =
                ModelRunner.open(model, RunnerOptions.builder().intraOpThreads(1).build())) {
            TensorSpec input = runner.inputs().get(0);
            FloatBuffer a = runner.run(Tensors.random(input, 1, 1)).get(0).floats();
            TensorData second = runner.run(Tensors.random(input, 1, 2)).get(0);
            FloatBuffer b = second.floats();
            double sum = 0;
            double sumSq = 0;
            int n = a.remaining();
            for (int i = 0; i < n; i++) {
                assertThat(a.get(i)).as("logit %d of %s", i, model.name()).isFinite();
                sum += a.get(i);
                sumSq += a.get(i) * (double) a.get(i);
            }
            double std = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
            assertThat(std).as("spread of %s logits", model.name()).isGreaterThan(1e-3);
            assertThat(b).as("%s logits for another input", model.name()).isNotEqualTo(a);
        }
    }
}
