package io.edgesplit.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CUDA execution: runs only with {@code -Dedgesplit.test.cuda=true} on a host with CUDA 12, cuDNN 9
 * and ONNX Runtime's GPU build ({@code mvn -Pgpu}).
 */
@EnabledIfSystemProperty(named = "edgesplit.test.cuda", matches = "true")
class CudaRunnerTest {

    @Test
    void cudaMatchesCpu() {
        OnnxModel model = ModelZoo.build("resnet18");
        RunnerOptions cuda = RunnerOptions.builder().provider(ExecutionProvider.CUDA).build();
        TensorData input =
                Tensors.random(
                        new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 224, 224}),
                        2,
                        1);

        try (ModelRunner gpu = ModelRunner.open(model, cuda);
                ModelRunner cpu = ModelRunner.open(model, RunnerOptions.defaults())) {
            assertThat(gpu.providerInUse()).isEqualTo(ExecutionProvider.CUDA);
            assertThat(Tensors.relativeError(gpu.run(input).get(0), cpu.run(input).get(0)))
                    .isLessThan(1e-3);
        }
    }

    @Test
    void autoPicksCuda() {
        RunnerOptions auto = RunnerOptions.builder().provider(ExecutionProvider.AUTO).build();

        try (ModelRunner runner = ModelRunner.open(ModelZoo.build("tiny-chain"), auto)) {
            assertThat(runner.providerInUse()).isEqualTo(ExecutionProvider.CUDA);
        }
    }
}
