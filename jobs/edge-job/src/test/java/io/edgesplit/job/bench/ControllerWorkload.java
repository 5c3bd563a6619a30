package io.edgesplit.job.bench;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The controller benchmarks' input: {@link #DEVICES} devices, each sending {@link #FPS} frames and
 * {@link #TELEMETRY_HZ} telemetry samples per second of event time at its own phase, produced in
 * event-time order one {@link #STEP_MS} step at a time (the watermark advances after each step).
 *
 * <p>Frames are not copied: every frame references the same input tensor (the controller only
 * checks its shape and size), so the benchmarks measure the controller, not tensor copies.
 */
final class ControllerWorkload {

    static final int DEVICES = 1_000;
    static final int FPS = 10;
    static final int TELEMETRY_HZ = 5;
    static final long STEP_MS = 200;
    static final int FRAMES_PER_STEP = (int) (DEVICES * FPS * STEP_MS / 1000);
    static final int TELEMETRY_PER_STEP = (int) (DEVICES * TELEMETRY_HZ * STEP_MS / 1000);

    /** Event time of the first step. */
    static final long START_MS = 1_700_000_000_000L;

    private static final double[] UPLINK_BPS = {2e6, 8e6, 20e6, 50e6};

    /** One event of a step, in event-time order: offset in the step, device, frame or telemetry. */
    private record Slot(long offsetMs, int device, boolean frame, int frameInStep) {}

    private final String[] deviceIds = new String[DEVICES];
    private final Slot[] slots;
    private final TensorPayload[] tensors;
    private final String modelId;
    private long step;

    ControllerWorkload(ModelProfile profile) {
        this.modelId = profile.modelId();
        TensorSpec in = profile.input();
        // one shared input tensor (its contents do not matter to the controller)
        this.tensors =
                new TensorPayload[] {
                    new TensorPayload(
                            in.name(),
                            in.elementType(),
                            in.shape(),
                            new byte[Math.toIntExact(in.bytes())])
                };
        for (int d = 0; d < DEVICES; d++) {
            deviceIds[d] = String.format(Locale.ROOT, "cam-%04d", d);
        }
        List<Slot> s = new ArrayList<>();
        long framePeriod = 1000 / FPS;
        long telemetryPeriod = 1000 / TELEMETRY_HZ;
        for (int d = 0; d < DEVICES; d++) {
            long framePhase = framePeriod * d / DEVICES;
            for (int k = 0; framePhase + k * framePeriod < STEP_MS; k++) {
                s.add(new Slot(framePhase + k * framePeriod, d, true, k));
            }
            long telemetryPhase = telemetryPeriod * d / DEVICES;
            for (int k = 0; telemetryPhase + k * telemetryPeriod < STEP_MS; k++) {
                s.add(new Slot(telemetryPhase + k * telemetryPeriod, d, false, -1));
            }
        }
        s.sort(Comparator.comparingLong(Slot::offsetMs).thenComparingInt(Slot::device));
        this.slots = s.toArray(new Slot[0]);
        if (slots.length != FRAMES_PER_STEP + TELEMETRY_PER_STEP) {
            throw new IllegalStateException("workload step has " + slots.length + " events");
        }
    }

    /** Profile of a built-in model, as the job derives it without measurements. */
    static ModelProfile profile(String model) {
        return model.equals(Fixtures.MODEL)
                ? Fixtures.profile()
                : ConfigLoader.macProfile(model, model);
    }

    /** The job configuration the benchmarks run: replay mode, the given policy, heap state. */
    static EdgeJobConfig config(ModelProfile profile, String policy) {
        return EdgeJobConfig.builder()
                .model(profile.modelId(), profile.modelId())
                .profileJson(profile.modelId(), ModelProfileJson.toJson(profile))
                .defaultPolicy(policy)
                .defaultDeviceType(Fixtures.DEVICE_TYPE)
                .provider("cpu")
                .build();
    }

    /** Fills {@code out} with the next step's events, in event-time order; returns its end. */
    long nextStep(List<DeviceEvent> out) {
        out.clear();
        long base = START_MS + step * STEP_MS;
        int framesPerStep = (int) (FPS * STEP_MS / 1000);
        for (Slot s : slots) {
            long ts = base + s.offsetMs();
            String device = deviceIds[s.device()];
            if (s.frame()) {
                long frameId = step * framesPerStep + s.frameInStep();
                out.add(DeviceEvent.of(new FrameIn(device, frameId, ts, modelId, 0, tensors)));
            } else {
                double bps = UPLINK_BPS[(int) ((s.device() + step) % UPLINK_BPS.length)];
                out.add(
                        DeviceEvent.of(
                                new Telemetry(
                                        device,
                                        ts,
                                        Fixtures.DEVICE_TYPE,
                                        bps,
                                        null,
                                        null,
                                        null,
                                        null)));
            }
        }
        step++;
        return base + STEP_MS;
    }
}
