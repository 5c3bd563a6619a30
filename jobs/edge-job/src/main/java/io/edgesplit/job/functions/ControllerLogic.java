package io.edgesplit.job.functions;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.Policy;
import io.edgesplit.core.controller.SlotInput;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.JobMode;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.job.events.WorkItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The controller's per-device logic without Flink: validates a frame, calls the core policy and
 * says what to emit. {@link PartitionControllerFunction} loads state, calls this, stores state and
 * emits. Not thread-safe (one instance per operator instance).
 */
public final class ControllerLogic {

    /** What one frame produced. Exactly one of {@code work} and {@code outcome} is non-null. */
    public record Step(
            ControllerState next, DecisionRecord decision, WorkItem work, ResultRecord outcome) {}

    private final EdgeJobConfig config;
    private final ControllerConfig controllerConfig;
    private final Function<String, DeviceProfile> devices;
    private final EdgeServerProfile edge;
    private final Map<String, Policy> policies = new HashMap<>();
    private final Map<CostKey, ModelCosts> costs = new HashMap<>();

    /**
     * Cost-table key. The profile is compared by identity: {@link ProfileCatalog} hands out one
     * instance per profile text, and hashing a whole profile record (every cut, tensor and
     * measurement) on every frame took about three quarters of the controller's time per frame
     * (docs/benchmarks/job.md). An equal profile in a new instance only costs one more table.
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

    public ControllerLogic(
            EdgeJobConfig config,
            ControllerConfig controllerConfig,
            Function<String, DeviceProfile> devices,
            EdgeServerProfile edge) {
        this.config = config;
        this.controllerConfig = controllerConfig;
        this.devices = devices;
        this.edge = edge;
    }

    /** State after applying telemetry. */
    public ControllerState apply(ControllerState state, Telemetry t) {
        if (t.eventTime() < state.telemetryTime()) {
            // an older sample arriving late never overrides a newer one
            return state;
        }
        return state.withTelemetry(t.deviceType(), t.uplinkBps(), t.eventTime());
    }

    /**
     * Decides one frame.
     *
     * @param profile the model's profile, or null when the model is unknown
     * @param knownModels names for the error message when the model is unknown
     */
    public Step decide(
            ControllerState state,
            FrameIn frame,
            ModelProfile profile,
            Supplier<String> knownModels) {
        if (profile == null) {
            return failed(
                    state,
                    frame,
                    "unknown model '"
                            + frame.modelId()
                            + "': this job serves "
                            + knownModels.get());
        }
        String invalid = validate(frame, profile);
        if (invalid != null) {
            return failed(state, frame, invalid);
        }
        DeviceProfile device;
        try {
            device = devices.apply(state.deviceType());
        } catch (IllegalArgumentException e) {
            return failed(
                    state,
                    frame,
                    "device profile of '" + frame.deviceId() + "': " + e.getMessage());
        }
        ModelCosts modelCosts =
                costs.computeIfAbsent(
                        new CostKey(profile, state.deviceType()),
                        k -> ModelCosts.of(k.profile(), device, edge));
        String policyName = config.policyFor(frame.deviceId());
        Policy policy =
                policies.computeIfAbsent(policyName, n -> Policies.create(n, controllerConfig));

        double slotSeconds = slotSeconds(state, frame);
        SlotInput in = new SlotInput(frame.frameId(), 1, state.capacityBps(), slotSeconds);
        ControlDecision d = policy.decide(state.queues(), in, device, modelCosts);
        ControllerState next = state.withFrame(frame.frameId(), frame.captureTime(), d.after());
        DecisionRecord decision = toRecord(frame, d);

        if (d.admitted() == 0) {
            String reason =
                    String.format(
                            "not admitted by %s: backlogs compute %.1f ms, uplink %.1f kbit outweigh the frame's value",
                            policy.name(),
                            d.after().computeBacklogS() * 1e3,
                            d.after().uplinkBacklogBits() / 1e3);
            return new Step(
                    next, decision, null, ResultRecord.skipped(frame, policy.name(), reason));
        }
        // live mode: the device already ran the head at the frame's cut
        int cut = config.mode() == JobMode.LIVE ? frame.cut() : d.cut();
        WorkItem work =
                new WorkItem(
                        frame,
                        policy.name(),
                        cut,
                        profile.lastCut(),
                        d.gpuClockHz(),
                        d.uplinkBps(),
                        finite(
                                        d.queueWaitSeconds(),
                                        d.after().uplinkBacklogBits() / state.capacityBps())
                                * 1e3,
                        d.headSeconds() * 1e3,
                        finite(
                                        d.transferSeconds(),
                                        modelCosts.bits(d.cut()) / state.capacityBps()
                                                + slotSeconds)
                                * 1e3,
                        d.tailSeconds() * 1e3,
                        d.computeEnergyJ() + d.radioEnergyJ());
        return new Step(next, decision, work, null);
    }

    /**
     * A policy that holds the uplink this slot (rate 0) predicts an infinite transfer; the bits are
     * sent in a later slot, so the frame is charged the wait of one slot plus sending at the
     * current capacity instead.
     */
    private static double finite(double predicted, double fallback) {
        return Double.isFinite(predicted) ? predicted : fallback;
    }

    private Step failed(ControllerState state, FrameIn frame, String reason) {
        // a failed frame still counts as seen, so a redelivered copy is not decided twice
        ControllerState next =
                state.withFrame(frame.frameId(), frame.captureTime(), state.queues());
        return new Step(next, null, null, ResultRecord.failed(frame, reason));
    }

    /** Slot length: event time since the previous frame, within [1 ms, 10 slots]. */
    private double slotSeconds(ControllerState state, FrameIn frame) {
        double configured = controllerConfig.slotSeconds();
        if (state.lastFrameTime() == Long.MIN_VALUE) {
            return configured;
        }
        double gap = (frame.captureTime() - state.lastFrameTime()) / 1e3;
        return Math.min(Math.max(gap, 1e-3), 10 * configured);
    }

    /** Why the frame cannot be processed, or null. */
    String validate(FrameIn frame, ModelProfile profile) {
        if (frame.payloadBytes() > config.maxFrameBytes()) {
            return "oversized frame: "
                    + frame.payloadBytes()
                    + " bytes of tensors, the limit is "
                    + config.maxFrameBytes()
                    + " (edgesplit.job.max-frame-bytes)";
        }
        int cut = frame.cut();
        if (cut < 0 || cut >= profile.lastCut()) {
            return "cut "
                    + cut
                    + " is not valid for a frame of model '"
                    + profile.modelId()
                    + "': devices send cuts 0.."
                    + (profile.lastCut() - 1);
        }
        if (config.mode() == JobMode.REPLAY && cut != 0) {
            return "replay mode expects raw frames (cut 0), got cut "
                    + cut
                    + " (run the job with edgesplit.job.mode=live for activations)";
        }
        CutProfile expected = profile.cut(cut);
        List<TensorSpec> specs = expected.tensors();
        TensorPayload[] tensors = frame.tensors();
        if (tensors.length != specs.size()) {
            return "cut "
                    + cut
                    + " of '"
                    + profile.modelId()
                    + "' carries "
                    + specs.size()
                    + " tensor(s) "
                    + specs
                    + ", the frame has "
                    + tensors.length;
        }
        for (TensorSpec spec : specs) {
            TensorPayload t = Tensors.find(tensors, spec.name());
            if (t == null) {
                return "cut "
                        + cut
                        + " of '"
                        + profile.modelId()
                        + "' carries tensor(s) "
                        + specs
                        + ", the frame has none named '"
                        + spec.name()
                        + "' (it has "
                        + names(tensors)
                        + "; tensors are matched by name)";
            }
            String mismatch = t.mismatch(spec);
            if (mismatch != null) {
                return mismatch + " (model '" + profile.modelId() + "', cut " + cut + ")";
            }
        }
        return null;
    }

    private static List<String> names(TensorPayload[] tensors) {
        List<String> names = new ArrayList<>(tensors.length);
        for (TensorPayload t : tensors) {
            names.add("'" + t.name() + "'");
        }
        return names;
    }

    private static DecisionRecord toRecord(FrameIn f, ControlDecision d) {
        return new DecisionRecord(
                f.deviceId(),
                f.frameId(),
                f.captureTime(),
                d.policy(),
                d.cut(),
                d.gpuClockHz(),
                d.uplinkBps(),
                d.admitted(),
                d.headSeconds() * 1e3,
                d.transferSeconds() * 1e3,
                d.tailSeconds() * 1e3,
                d.queueWaitSeconds() * 1e3,
                d.computeEnergyJ(),
                d.radioEnergyJ(),
                d.after().computeBacklogS(),
                d.after().uplinkBacklogBits(),
                d.after().powerQueue(),
                d.after().computeDelayQueue(),
                d.after().uplinkDelayQueue());
    }
}
