package io.edgesplit.onnx.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ModelRunner} opens its ONNX Runtime session.
 *
 * @param provider execution provider
 * @param gpuDeviceId CUDA device id (used with {@link ExecutionProvider#CUDA} and {@link
 *     ExecutionProvider#AUTO})
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets ONNX Runtime pick
 *     (one per physical core)
 * @param optimization graph optimization level
 * @param configEntries ONNX Runtime session configuration entries, e.g. {@code
 *     session.intra_op.allow_spinning=0} on shared CPUs
 */
public record RunnerOptions(
        ExecutionProvider provider,
        int gpuDeviceId,
        int intraOpThreads,
        GraphOptimization optimization,
        Map<String, String> configEntries) {

    public RunnerOptions {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(optimization, "optimization");
        configEntries = Map.copyOf(configEntries);
        if (gpuDeviceId < 0) {
            throw new IllegalArgumentException("gpuDeviceId must be >= 0, got " + gpuDeviceId);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 0 (0 = ONNX Runtime's default), got "
                            + intraOpThreads);
        }
    }

    /** CPU, one intra-op thread, all graph optimizations. */
    public static RunnerOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .provider(provider)
                .gpuDeviceId(gpuDeviceId)
                .intraOpThreads(intraOpThreads)
                .optimization(optimization)
                .configEntries(configEntries);
    }

    /** Builder for {@link RunnerOptions}; {@link #build()} validates. */
    public static final class Builder {
        private ExecutionProvider provider = ExecutionProvider.CPU;
        private int gpuDeviceId = 0;
        private int intraOpThreads = 1;
        private GraphOptimization optimization = GraphOptimization.ALL;
        private final Map<String, String> configEntries = new LinkedHashMap<>();

        private Builder() {}

        public Builder provider(ExecutionProvider provider) {
            this.provider = provider;
            return this;
        }

        public Builder gpuDeviceId(int gpuDeviceId) {
            this.gpuDeviceId = gpuDeviceId;
            return this;
        }

        public Builder intraOpThreads(int intraOpThreads) {
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        public Builder optimization(GraphOptimization optimization) {
            this.optimization = optimization;
            return this;
        }

        /** Adds an ONNX Runtime session configuration entry (see ORT's session options keys). */
        public Builder configEntry(String key, String value) {
            configEntries.put(
                    Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces all session configuration entries. */
        public Builder configEntries(Map<String, String> entries) {
            configEntries.clear();
            configEntries.putAll(entries);
            return this;
        }

        public RunnerOptions build() {
            return new RunnerOptions(
                    provider, gpuDeviceId, intraOpThreads, optimization, configEntries);
        }
    }
}
