package io.edgesplit.job.workload;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.trace.BandwidthTrace;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic camera scenario: devices streaming frames of one model at a fixed rate, with
 * telemetry (uplink throughput from a bandwidth trace per device).
 *
 * @param devices number of devices (ids {@code cam-00}, {@code cam-01}, ...)
 * @param durationMs length of the frame stream in event time
 * @param fps frames per second per device
 * @param modelId model every frame is for
 * @param input the model input (batch 1); frames carry random tensors of this shape
 * @param deviceTypes device profile names, assigned round robin
 * @param traces uplink traces, assigned round robin
 * @param telemetryHz telemetry samples per second per device
 * @param seed seed of the frame contents and device phases
 */
public record ScenarioSpec(
        int devices,
        long durationMs,
        double fps,
        String modelId,
        TensorSpec input,
        List<String> deviceTypes,
        List<BandwidthTrace> traces,
        double telemetryHz,
        long seed) {

    public ScenarioSpec {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(input, "input");
        deviceTypes = List.copyOf(deviceTypes);
        traces = List.copyOf(traces);
        if (devices < 1 || devices > 10_000) {
            throw new IllegalArgumentException(
                    "--devices must be between 1 and 10000, got " + devices);
        }
        if (durationMs < 1) {
            throw new IllegalArgumentException(
                    "--duration must be positive, got " + durationMs + " ms");
        }
        if (!(fps > 0) || fps > 1000) {
            throw new IllegalArgumentException("--fps must be in (0, 1000], got " + fps);
        }
        if (!(telemetryHz > 0)) {
            throw new IllegalArgumentException(
                    "telemetry rate must be positive, got " + telemetryHz);
        }
        if (deviceTypes.isEmpty() || traces.isEmpty()) {
            throw new IllegalArgumentException(
                    "a scenario needs at least one device type and one trace");
        }
    }

    public String deviceId(int i) {
        return String.format(java.util.Locale.ROOT, devices > 100 ? "cam-%04d" : "cam-%02d", i);
    }

    public String deviceType(int i) {
        return deviceTypes.get(i % deviceTypes.size());
    }

    public BandwidthTrace trace(int i) {
        return traces.get(i % traces.size());
    }

    /** Frames each device sends. */
    public long framesPerDevice() {
        return (long) Math.floor(durationMs / 1000.0 * fps);
    }

    public long totalFrames() {
        return framesPerDevice() * devices;
    }
}
