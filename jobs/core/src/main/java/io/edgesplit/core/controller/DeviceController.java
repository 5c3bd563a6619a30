package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.cost.WirePrecision;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.model.ModelProfile;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-device control loop, one event at a time: telemetry updates the device's type and
 * capacity; a frame is checked for duplicates and decided by the device's policy, with the event
 * time since the last decided frame as the slot length (within [1 ms, 10 configured slots]). The
 * streaming job's controller and the simulator's per-frame mode both step this class, so the
 * simulator predicts what the job decides.
 *
 * <p>Pure and deterministic: the same inputs in the same order give the same steps. Not thread-safe
 * (it caches policies and cost tables; one instance per operator instance).
 */
public final class DeviceController {

    /**
     * Controller options whose default differs when deciding per frame (the streaming job and the
     * simulator's per-frame mode): a slot is then one frame interval, and idling the GPU for a slot
     * (the slot simulation's time-sharing option) would delay every deferred frame by a whole frame
     * interval to save a few percent of energy, so {@code allow-idle} is off unless asked for.
     */
    public static final Map<String, String> PER_FRAME_DEFAULTS =
            Map.of(ControllerConfig.ALLOW_IDLE, "false");

    private final ControllerConfig config;
    private final Function<String, DeviceProfile> devices;
    private final EdgeServerProfile edge;
    private final WirePrecision wire;
    private final Function<String, String> policyFor;
    private final Map<String, Policy> policies = new HashMap<>();
    private final Map<CostKey, ModelCosts> costs = new HashMap<>();

    /**
     * Cost-table key. The profile is compared by identity: the job hands out one instance per
     * profile text, and hashing a whole profile record (every cut, tensor and measurement) on every
     * frame took about three quarters of the controller's time per frame (docs/benchmarks/job.md).
     * An equal profile in a new instance only costs one more table.
     */
    private record CostKey(ModelProfile profile, String deviceType) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CostKey k
                    && k.profile == profile
                    && Objects.equals(k.deviceType, deviceType);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(profile) + Objects.hashCode(deviceType);
        }
    }

    /**
     * @param config controller settings every policy is created with
     * @param devices device profile by the name telemetry gives (throws IllegalArgumentException
     *     for an unknown name: the frame fails)
     * @param edge the edge server the tails run on
     * @param wire precision of activations on the uplink
     * @param policyFor policy name by device id
     */
    public DeviceController(
            ControllerConfig config,
            Function<String, DeviceProfile> devices,
            EdgeServerProfile edge,
            WirePrecision wire,
            Function<String, String> policyFor) {
        this.config = Objects.requireNonNull(config, "config");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.edge = Objects.requireNonNull(edge, "edge");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.policyFor = Objects.requireNonNull(policyFor, "policyFor");
    }

    /**
     * {@code config} with the {@link #PER_FRAME_DEFAULTS} applied to every option not in {@code
     * given} (the options the user set).
     */
    public static ControllerConfig perFrameDefaults(ControllerConfig config, Set<String> given) {
        Map<String, String> defaults = new HashMap<>(PER_FRAME_DEFAULTS);
        defaults.keySet().removeAll(given);
        return ControllerConfig.fromMap(defaults, config);
    }

    /** The state after {@code input}, with the decision when a frame was decided. */
    public DeviceStep step(DeviceState state, DeviceInput input) {
        if (input instanceof TelemetrySample t) {
            return telemetry(state, t);
        }
        return frame(state, (FrameArrival) input);
    }

    private static DeviceStep telemetry(DeviceState state, TelemetrySample t) {
        if (t.eventTime() < state.telemetryTime()) {
            // an older sample arriving late never overrides a newer one
            return DeviceStep.without(state, DeviceStep.Kind.STALE_TELEMETRY, null);
        }
        DeviceState next = state.withTelemetry(t.deviceType(), t.uplinkBps(), t.eventTime());
        return DeviceStep.without(next, DeviceStep.Kind.TELEMETRY, null);
    }

    private DeviceStep frame(DeviceState state, FrameArrival f) {
        if (state.seen(f.frameId(), f.captureTime())) {
            return DeviceStep.without(state, DeviceStep.Kind.DUPLICATE, null);
        }
        if (f.rejection() != null) {
            return failed(state, f, f.rejection());
        }
        DeviceProfile device;
        try {
            device = devices.apply(state.deviceType());
        } catch (IllegalArgumentException e) {
            return failed(state, f, "device profile of '" + f.deviceId() + "': " + e.getMessage());
        }
        return decide(state, f, device);
    }

    private DeviceStep decide(DeviceState state, FrameArrival f, DeviceProfile device) {
        ModelCosts modelCosts =
                costs.computeIfAbsent(
                        new CostKey(f.profile(), state.deviceType()),
                        k -> ModelCosts.of(k.profile(), device, edge, wire));
        Policy policy =
                policies.computeIfAbsent(
                        policyFor.apply(f.deviceId()), n -> Policies.create(n, config));
        double slotSeconds = slotSeconds(state, f.captureTime());
        SlotInput in = new SlotInput(f.frameId(), 1, state.capacityBps(), slotSeconds);
        ControlDecision d = policy.decide(state.queues(), in, device, modelCosts);
        DeviceState next = state.withDecidedFrame(f.frameId(), f.captureTime(), d.after());
        double capacity = state.capacityBps();
        double wait = finite(d.queueWaitSeconds(), d.after().uplinkBacklogBits() / capacity);
        double transfer =
                finite(d.transferSeconds(), modelCosts.bits(d.cut()) / capacity + slotSeconds);
        if (d.admitted() == 0) {
            String reason =
                    String.format(
                            "not admitted by %s: backlogs compute %.1f ms, uplink %.1f kbit"
                                    + " outweigh the frame's value%s",
                            policy.name(),
                            d.after().computeBacklogS() * 1e3,
                            d.after().uplinkBacklogBits() / 1e3,
                            boundNote(policy));
            return new DeviceStep(
                    next, DeviceStep.Kind.SKIPPED, d, slotSeconds, wait, transfer, reason);
        }
        return new DeviceStep(next, DeviceStep.Kind.ADMITTED, d, slotSeconds, wait, transfer, null);
    }

    /** ", or it could not finish within the latency bound of D ms" for the bounded policies. */
    private static String boundNote(Policy policy) {
        double d = policy.config().latencyBoundS();
        boolean bounded =
                PolicyKind.of(policy.name()).settings().contains(ControllerConfig.LATENCY_BOUND);
        return bounded && !Double.isInfinite(d)
                ? String.format(
                        Locale.ROOT,
                        ", or it could not finish within the latency bound of %.0f ms",
                        d * 1e3)
                : "";
    }

    /**
     * A policy that holds the uplink this slot (rate 0) predicts an infinite time; the bits are
     * sent in a later slot, so the frame is charged the fallback instead.
     */
    private static double finite(double predicted, double fallback) {
        return Double.isFinite(predicted) ? predicted : fallback;
    }

    private static DeviceStep failed(DeviceState state, FrameArrival f, String reason) {
        // a failed frame still counts as seen, so a redelivered copy is not decided twice; it does
        // not end a slot, so the next decision's slot length is the time since the last decision
        DeviceState next = state.withFailedFrame(f.frameId(), f.captureTime());
        return DeviceStep.without(next, DeviceStep.Kind.FAILED, reason);
    }

    /** Slot length: event time since the last decided frame, within [1 ms, 10 slots]. */
    private double slotSeconds(DeviceState state, long captureTime) {
        double configured = config.slotSeconds();
        if (state.lastDecidedTime() == Long.MIN_VALUE) {
            return configured;
        }
        double gap = (captureTime - state.lastDecidedTime()) / 1e3;
        return Math.min(Math.max(gap, 1e-3), 10 * configured);
    }
}
