package io.edgesplit.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one cut of a model costs. Cut 0 is the raw model input (the device runs nothing, everything
 * goes to the edge); the last cut is the model output (the device runs everything).
 *
 * @param index cut index, 0..L
 * @param label human-readable position, e.g. "input", "after relu5 (pool2 in)", "output"
 * @param tensors tensors live at the cut (one on chains, several across residual/dense blocks)
 * @param bytesFp32 bytes sent when the tensors travel in their own type (fp32 for activations)
 * @param bytesFp16 bytes sent when floating tensors travel as fp16
 * @param headMacs multiply-accumulates of the head (nodes before the cut)
 * @param tailMacs multiply-accumulates of the tail (nodes after the cut)
 * @param headMs measured head latency on the profiling host in ms, or NaN if not measured
 * @param tailMs measured tail latency on the profiling host in ms, or NaN if not measured
 * @param deviceHeadMs head latencies measured on devices, keyed "deviceType@clockHz" (e.g.
 *     "jetson-tx2@1300500000"); empty when none are known
 * @param general whether the head is a general (DAG) cut, a predecessor-closed node set that no
 *     prefix of the topological order has (false: a prefix cut, the default of older profiles)
 */
public record CutProfile(
        int index,
        String label,
        List<TensorSpec> tensors,
        long bytesFp32,
        long bytesFp16,
        long headMacs,
        long tailMacs,
        double headMs,
        double tailMs,
        Map<String, Double> deviceHeadMs,
        boolean general) {

    /** A prefix cut. */
    public CutProfile(
            int index,
            String label,
            List<TensorSpec> tensors,
            long bytesFp32,
            long bytesFp16,
            long headMacs,
            long tailMacs,
            double headMs,
            double tailMs,
            Map<String, Double> deviceHeadMs) {
        this(
                index,
                label,
                tensors,
                bytesFp32,
                bytesFp16,
                headMacs,
                tailMacs,
                headMs,
                tailMs,
                deviceHeadMs,
                false);
    }

    public CutProfile {
        Objects.requireNonNull(label, "label");
        tensors = List.copyOf(tensors);
        deviceHeadMs = deviceHeadMs == null ? Map.of() : Map.copyOf(deviceHeadMs);
        if (index < 0) {
            throw new IllegalArgumentException("cut index must be >= 0, got " + index);
        }
        if (bytesFp32 < 0 || bytesFp16 < 0 || headMacs < 0 || tailMacs < 0) {
            throw new IllegalArgumentException("cut " + index + ": sizes and MACs must be >= 0");
        }
    }

    /** Whether head and tail latencies were measured (rather than absent). */
    public boolean measured() {
        return !Double.isNaN(headMs) && !Double.isNaN(tailMs);
    }

    /** Key for {@link #deviceHeadMs()}. */
    public static String deviceKey(String deviceType, long clockHz) {
        return deviceType + "@" + clockHz;
    }
}
