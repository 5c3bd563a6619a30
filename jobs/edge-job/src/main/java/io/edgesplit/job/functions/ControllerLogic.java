package io.edgesplit.job.functions;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.DeviceController;
import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.core.controller.DeviceStep;
import io.edgesplit.core.controller.FrameArrival;
import io.edgesplit.core.controller.TelemetrySample;
import io.edgesplit.core.cost.WirePrecision;
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
import io.edgesplit.job.inference.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps the controller's job records to the core {@link DeviceController} and its steps back to job
 * records: validates a frame's tensors against its model (what the core cannot see), steps the core
 * loop and says what to emit. {@link PartitionControllerFunction} loads state, calls this, stores
 * state and emits. Not thread-safe (one instance per operator instance).
 */
public final class ControllerLogic {

    /**
     * What one frame produced: for a duplicate only {@code next}; otherwise exactly one of {@code
     * work} and {@code outcome} is non-null, and {@code decision} is set when the policy decided.
     */
    public record Step(
            DeviceState next,
            boolean duplicate,
            DecisionRecord decision,
            WorkItem work,
            ResultRecord outcome) {}

    private final EdgeJobConfig config;
    private final DeviceController controller;

    public ControllerLogic(
            EdgeJobConfig config,
            ControllerConfig controllerConfig,
            Function<String, DeviceProfile> devices,
            EdgeServerProfile edge) {
        this.config = config;
        this.controller =
                new DeviceController(
                        controllerConfig, devices, edge, WirePrecision.FP32, config::policyFor);
    }

    /** A device's state before its first event: the configured device type and capacity. */
    public DeviceState initial() {
        return DeviceState.initial(config.defaultDeviceType(), config.defaultUplinkBps());
    }

    /** State after applying telemetry. */
    public DeviceState apply(DeviceState state, Telemetry t) {
        TelemetrySample sample =
                new TelemetrySample(t.deviceId(), t.eventTime(), t.deviceType(), t.uplinkBps());
        return controller.step(state, sample).next();
    }

    /**
     * Decides one frame.
     *
     * @param profile the model's profile, or null when the model is unknown
     * @param knownModels names for the error message when the model is unknown
     */
    public Step decide(
            DeviceState state, FrameIn frame, ModelProfile profile, Supplier<String> knownModels) {
        DeviceStep step = controller.step(state, arrival(frame, profile, knownModels));
        return switch (step.kind()) {
            case DUPLICATE -> new Step(step.next(), true, null, null, null);
            case FAILED ->
                    new Step(
                            step.next(),
                            false,
                            null,
                            null,
                            ResultRecord.failed(frame, step.reason()));
            case SKIPPED ->
                    new Step(
                            step.next(),
                            false,
                            toRecord(frame, step.decision()),
                            null,
                            ResultRecord.skipped(frame, step.decision().policy(), step.reason()));
            case ADMITTED ->
                    new Step(
                            step.next(),
                            false,
                            toRecord(frame, step.decision()),
                            work(frame, profile, step),
                            null);
            case TELEMETRY, STALE_TELEMETRY ->
                    throw new IllegalStateException("a frame stepped as telemetry: " + step);
        };
    }

    /** The core's view of a frame: unknown models and invalid tensors reject it. */
    private FrameArrival arrival(FrameIn frame, ModelProfile profile, Supplier<String> known) {
        String rejection;
        if (profile == null) {
            rejection = "unknown model '" + frame.modelId() + "': this job serves " + known.get();
        } else {
            rejection = validate(frame, profile);
        }
        return new FrameArrival(
                frame.deviceId(),
                frame.frameId(),
                frame.captureTime(),
                rejection == null ? profile : null,
                rejection);
    }

    private WorkItem work(FrameIn frame, ModelProfile profile, DeviceStep step) {
        ControlDecision d = step.decision();
        // live mode: the device already ran the head at the frame's cut
        int cut = config.mode() == JobMode.LIVE ? frame.cut() : d.cut();
        return new WorkItem(
                frame,
                d.policy(),
                cut,
                profile.lastCut(),
                d.gpuClockHz(),
                d.uplinkBps(),
                step.queueWaitSeconds() * 1e3,
                d.headSeconds() * 1e3,
                step.transferSeconds() * 1e3,
                d.tailSeconds() * 1e3,
                d.computeEnergyJ() + d.radioEnergyJ());
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
