package io.edgesplit.job.inference;

import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.onnx.runtime.ExecutionProvider;
import io.edgesplit.onnx.runtime.RunnerOptions;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * ONNX Runtime options of an operator instance, with the GPU taken from Flink's external resources.
 */
public final class RunnerSettings {

    private RunnerSettings() {}

    /** Options for the edge (tail) sessions: the configured provider on the TaskManager's GPU. */
    public static RunnerOptions edge(EdgeJobConfig config, RuntimeContext ctx) {
        ExecutionProvider provider = ExecutionProvider.parse(config.provider());
        int gpu = 0;
        if (provider != ExecutionProvider.CPU) {
            Set<ExternalResourceInfo> gpus = ctx.getExternalResourceInfos(config.gpuResource());
            // Flink's GPU driver reports the index it assigned to this TaskManager
            gpu =
                    gpus.stream()
                            .flatMap(info -> info.getProperty("index").stream())
                            .mapToInt(Integer::parseInt)
                            .findFirst()
                            .orElse(0);
        }
        return RunnerOptions.builder()
                .provider(provider)
                .gpuDeviceId(gpu)
                .intraOpThreads(config.threads())
                .build();
    }

    /** Options for emulated device heads: always CPU, they stand in for the device. */
    public static RunnerOptions device(EdgeJobConfig config) {
        return RunnerOptions.builder()
                .provider(ExecutionProvider.CPU)
                .intraOpThreads(config.threads())
                .build();
    }
}
