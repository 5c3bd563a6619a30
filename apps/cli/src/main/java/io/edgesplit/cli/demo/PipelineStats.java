package io.edgesplit.cli.demo;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline job's results against its plan: per camera, when the emulated pipeline finished its
 * frames (capture time + emulated end to end), giving the emulated throughput, next to the plan's
 * predicted throughput and latency. Not thread-safe.
 */
public final class PipelineStats {

    private static final class Camera {
        long frames;
        double firstDoneMs = Double.POSITIVE_INFINITY;
        double lastDoneMs = Double.NEGATIVE_INFINITY;
        double endToEndMs;
    }

    private final Map<String, Camera> cameras = new HashMap<>();
    private double[] hostMs = new double[256];
    private int hosts;
    private double predictedMs = Double.NaN;
    private double predictedPeriodMs = Double.NaN;
    private int stages;

    /** Counts an OK result of the pipeline job; others (and two-party results) are ignored. */
    public void add(InferenceResult r) {
        if (r.getStatus() != ResultStatus.OK || r.getPipelineStages() == null) {
            return;
        }
        stages = r.getPipelineStages();
        predictedMs = r.getPredictedMs();
        predictedPeriodMs = r.getPredictedPeriodMs();
        Camera c = cameras.computeIfAbsent(r.getDeviceId(), k -> new Camera());
        double done = r.getCaptureTime().toEpochMilli() + r.getEndToEndMs();
        c.frames++;
        c.firstDoneMs = Math.min(c.firstDoneMs, done);
        c.lastDoneMs = Math.max(c.lastDoneMs, done);
        c.endToEndMs += r.getEndToEndMs();
        if (r.getHostMs() != null) {
            if (hosts == hostMs.length) {
                hostMs = Arrays.copyOf(hostMs, hosts * 2);
            }
            hostMs[hosts++] = r.getHostMs();
        }
    }

    /** Whether any pipeline result arrived. */
    public boolean any() {
        return !cameras.isEmpty();
    }

    /**
     * Emulated frames per second of one camera's pipeline, averaged over the cameras: (frames − 1)
     * over the emulated time between its first and last output. NaN with fewer than two frames.
     */
    public double emulatedFps() {
        double sum = 0;
        int n = 0;
        for (Camera c : cameras.values()) {
            if (c.frames > 1 && c.lastDoneMs > c.firstDoneMs) {
                sum += (c.frames - 1) * 1000.0 / (c.lastDoneMs - c.firstDoneMs);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The plan's predicted frames per second of one pipeline. */
    public double predictedFps() {
        return 1000.0 / predictedPeriodMs;
    }

    /** Mean emulated capture-to-output time over all OK frames, ms. */
    public double emulatedLatencyMs() {
        return cameras.values().stream().mapToDouble(c -> c.endToEndMs).sum() / frames();
    }

    /** Median measured ONNX Runtime time per frame here (all stages), ms; NaN for none. */
    public double hostMedianMs() {
        if (hosts == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(hostMs, hosts);
        Arrays.sort(v);
        return v[(hosts - 1) / 2];
    }

    private long frames() {
        return cameras.values().stream().mapToLong(c -> c.frames).sum();
    }

    /** Lines for the demo's summary. */
    public String summary(double cameraFps) {
        return String.format(
                Locale.ROOT,
                "pipeline (%d stages, one pipeline per camera): predicted %.1f frames/s, %.2f ms per"
                        + " frame; emulated %.1f frames/s per camera (cameras send %.3g),"
                        + " %.2f ms capture to output; ONNX Runtime here (median, all stages) %.2f ms per frame%n",
                stages,
                predictedFps(),
                predictedMs,
                emulatedFps(),
                cameraFps,
                emulatedLatencyMs(),
                hostMedianMs());
    }
}
