package io.edgesplit.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * Provider selection. The fallback tests assume a host without a working CUDA provider (the default
 * CPU build of ONNX Runtime); they are skipped when {@code -Dedgesplit.test.cuda=true} declares a
 * GPU host, where {@link CudaRunnerTest} runs instead.
 */
class ExecutionProviderTest {

    private static final boolean CUDA_HOST = Boolean.getBoolean("edgesplit.test.cuda");

    @Test
    void parsesNamesInAnyCase() {
        assertThat(ExecutionProvider.parse("cpu")).isEqualTo(ExecutionProvider.CPU);
        assertThat(ExecutionProvider.parse(" CUDA ")).isEqualTo(ExecutionProvider.CUDA);
        assertThat(ExecutionProvider.parse("Auto")).isEqualTo(ExecutionProvider.AUTO);
        assertThatThrownBy(() -> ExecutionProvider.parse("tpu"))
                .hasMessage("unknown execution provider 'tpu': use one of [cpu, cuda, auto]");
        assertThat(GraphOptimization.parse("basic")).isEqualTo(GraphOptimization.BASIC);
        assertThatThrownBy(() -> GraphOptimization.parse("max"))
                .hasMessage(
                        "unknown graph optimization level 'max': use one of [none, basic,"
                                + " extended, all]");
    }

    @Test
    void autoFallsBackToCpuWithoutCuda() {
        assumeFalse(CUDA_HOST, "CUDA host: AUTO would use CUDA");
        RunnerOptions auto = RunnerOptions.builder().provider(ExecutionProvider.AUTO).build();

        try (ModelRunner runner = ModelRunner.open(ModelZoo.build("tiny-chain"), auto)) {
            assertThat(runner.providerInUse()).isEqualTo(ExecutionProvider.CPU);
        }
    }

    @Test
    void cudaFailsFastWithoutCuda() {
        assumeFalse(CUDA_HOST, "CUDA host: CUDA would open");
        RunnerOptions cuda = RunnerOptions.builder().provider(ExecutionProvider.CUDA).build();

        assertThatThrownBy(() -> ModelRunner.open(ModelZoo.build("tiny-chain"), cuda))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "CUDA execution provider unavailable for model tiny-chain (")
                .hasMessageEndingWith(
                        "): it needs ONNX Runtime's GPU build (mvn -Pgpu), CUDA 12 and cuDNN 9; or"
                                + " use provider cpu or auto");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> RunnerOptions.builder().intraOpThreads(-1).build())
                .hasMessage("intraOpThreads must be >= 0 (0 = ONNX Runtime's default), got -1");
        assertThatThrownBy(() -> RunnerOptions.builder().gpuDeviceId(-2).build())
                .hasMessage("gpuDeviceId must be >= 0, got -2");
        RunnerOptions options = RunnerOptions.builder().configEntry("k", "v").build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(RunnerOptions.defaults().intraOpThreads()).isEqualTo(1);
    }
}
