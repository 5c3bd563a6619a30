package io.edgesplit.job.functions;

import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.WorkItem;
import io.edgesplit.job.metrics.EdgeMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by device: keeps the device's Lyapunov queues and decides per frame the cut, GPU clock,
 * uplink rate and admission.
 *
 * <p>Determinism: telemetry and frames come from two topics, so their arrival order is an accident
 * of scheduling. Events are buffered until the watermark passes their event time and then applied
 * in event-time order (telemetry before frames at equal times, frames by id), so decisions depend
 * on event data only and a replay reproduces them. Events that arrive behind the watermark are
 * applied at once and counted as late.
 *
 * <p>Outputs: admitted frames (main output), {@link #DECISIONS}, and {@link #OUTCOMES} for frames
 * that end here (skipped by admission control, failed validation). State is cleared when a device
 * has been silent for the idle timeout (event time).
 *
 * <p>After a restore: Flink does not checkpoint watermarks, and a source partition that delivers no
 * record after the restart never emits one, so events restored into the buffer would wait for a
 * watermark that never comes when the input stays quiet (a crash after the end of a trace, or in a
 * pause). Every buffered event therefore also arms a coarse processing-time check; in a restored
 * run into which neither a record nor a watermark has come {@link #restoreGraceMs} after the first
 * check, the device's buffered events are applied in event-time order, as a pause would have
 * released them (counted in {@code restoredReleases}). With any input the check does nothing: the
 * sources' watermarks then release the events in order (a release while records flow would apply
 * them in arrival order; a crash-test run showed decisions differing that way).
 */
public class PartitionControllerFunction
        extends KeyedBroadcastProcessFunction<String, DeviceEvent, ProfileUpdate, WorkItem>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionControllerFunction.class);

    public static final OutputTag<DecisionRecord> DECISIONS =
            new OutputTag<>("decisions", TypeInformation.of(DecisionRecord.class));
    public static final OutputTag<ResultRecord> OUTCOMES =
            new OutputTag<>("controller-outcomes", TypeInformation.of(ResultRecord.class));

    /** Broadcast state: model id to profile JSON. */
    public static final MapStateDescriptor<String, String> PROFILES =
            new MapStateDescriptor<>("model-profiles", Types.STRING, Types.STRING);

    private static final Comparator<DeviceEvent> APPLY_ORDER =
            Comparator.comparing((DeviceEvent e) -> !e.isTelemetry())
                    .thenComparingLong(e -> e.isTelemetry() ? 0 : e.frame().frameId());

    private final EdgeJobConfig config;

    /** How long a restored run waits for a first watermark before releasing restored events. */
    private final long restoreGraceMs;

    private transient boolean restored;

    /** Whether an event reached this instance since it started; with input, sources release. */
    private transient boolean inputSinceStart;

    /** Set in {@link #open}: a deserialized function's transient fields skip their initializers. */
    private transient long firstRestoreCheck;

    private transient ValueState<DeviceState> state;
    private transient MapState<Long, List<DeviceEvent>> pending;
    private transient ValueState<Long> idleTimer;
    private transient ControllerLogic logic;
    private transient ProfileCatalog catalog;

    private transient Counter framesIn;
    private transient Counter framesAdmitted;
    private transient Counter framesSkipped;
    private transient Counter framesFailed;
    private transient Counter duplicates;
    private transient Counter lateEvents;
    private transient Counter restoredReleases;
    private transient Counter telemetryIn;
    private transient Counter decisions;
    private transient Histogram chosenCut;
    private transient Histogram gpuClockMhz;
    private transient Histogram uplinkMbps;
    private transient Histogram computeBacklogMs;
    private transient Histogram uplinkBacklogKbit;
    private transient Histogram powerQueue;
    private transient Histogram energyMj;

    public PartitionControllerFunction(EdgeJobConfig config) {
        this.config = config;
        // a partition without records goes idle after 3 x source-idleness at the latest (see
        // PauseFlushingWatermarks); one idleness more and every partition has either delivered
        // (and a watermark has come) or gone idle
        this.restoreGraceMs = 4 * config.sourceIdlenessMs();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // all state is keyed state
    }

    @Override
    public void open(OpenContext openContext) {
        firstRestoreCheck = Long.MIN_VALUE;
        inputSinceStart = false;
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "controller", TypeInformation.of(DeviceState.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-events",
                                        Types.LONG,
                                        new ListTypeInfo<>(TypeInformation.of(DeviceEvent.class))));
        idleTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("idle-timer", Types.LONG));

        logic =
                new ControllerLogic(
                        config, config.controller(), config::deviceProfile, config.edgeServer());
        catalog = new ProfileCatalog(config.profilesJson());

        MetricGroup g = EdgeMetrics.group(getRuntimeContext());
        framesIn = g.counter(EdgeMetrics.FRAMES_IN);
        g.meter(EdgeMetrics.FRAMES_IN_RATE, new MeterView(framesIn));
        framesAdmitted = g.counter(EdgeMetrics.FRAMES_ADMITTED);
        framesSkipped = g.counter(EdgeMetrics.FRAMES_SKIPPED);
        framesFailed = g.counter(EdgeMetrics.FRAMES_FAILED);
        duplicates = g.counter(EdgeMetrics.DUPLICATE_FRAMES);
        lateEvents = g.counter(EdgeMetrics.LATE_EVENTS);
        restoredReleases = g.counter(EdgeMetrics.RESTORED_RELEASES);
        telemetryIn = g.counter(EdgeMetrics.TELEMETRY_IN);
        decisions = g.counter(EdgeMetrics.DECISIONS);
        chosenCut = EdgeMetrics.histogram(g, EdgeMetrics.CHOSEN_CUT);
        gpuClockMhz = EdgeMetrics.histogram(g, EdgeMetrics.GPU_CLOCK_MHZ);
        uplinkMbps = EdgeMetrics.histogram(g, EdgeMetrics.UPLINK_MBPS);
        computeBacklogMs = EdgeMetrics.histogram(g, EdgeMetrics.COMPUTE_BACKLOG_MS);
        uplinkBacklogKbit = EdgeMetrics.histogram(g, EdgeMetrics.UPLINK_BACKLOG_KBIT);
        powerQueue = EdgeMetrics.histogram(g, EdgeMetrics.POWER_QUEUE);
        energyMj = EdgeMetrics.histogram(g, EdgeMetrics.ENERGY_PER_FRAME_MJ);
    }

    @Override
    public void processElement(DeviceEvent event, ReadOnlyContext ctx, Collector<WorkItem> out)
            throws Exception {
        long ts = event.eventTime();
        inputSinceStart = true;
        if (event.isTelemetry()) {
            telemetryIn.inc();
        } else {
            framesIn.inc();
        }
        if (ts <= ctx.timerService().currentWatermark()) {
            lateEvents.inc();
            apply(List.of(event), ctx.getBroadcastState(PROFILES), ctx, out);
            return;
        }
        List<DeviceEvent> atTs = pending.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(ts);
            armRestoreCheck(ctx);
        }
        atTs.add(event);
        pending.put(ts, atTs);
    }

    /** A processing-time check per device and second, in case this buffer is restored. */
    private void armRestoreCheck(ReadOnlyContext ctx) {
        long now = ctx.timerService().currentProcessingTime();
        long at = (now + restoreGraceMs) / 1_000 * 1_000 + 1_000;
        ctx.timerService().registerProcessingTimeTimer(at);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<WorkItem> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            releaseRestored(ctx, out);
            return;
        }
        List<DeviceEvent> due = pending.get(ts);
        if (due != null) {
            pending.remove(ts);
            due.sort(APPLY_ORDER);
            apply(due, ctx.getBroadcastState(PROFILES), ctx, out);
        }
        Long idleAt = idleTimer.value();
        if (idleAt != null && idleAt == ts) {
            DeviceState s = state.value();
            long deadline = s == null ? Long.MIN_VALUE : s.lastEventTime() + config.idleTimeoutMs();
            if (deadline > ts) {
                idleTimer.update(deadline);
                ctx.timerService().registerEventTimeTimer(deadline);
            } else {
                // the device was silent until the deadline (events still pending are later, and
                // start its state afresh when the watermark reaches them): drop what is kept for it
                state.clear();
                idleTimer.clear();
            }
        }
    }

    /**
     * In a restored run that has seen no watermark for {@link #restoreGraceMs}: applies all of the
     * device's buffered events in event-time order.
     */
    private void releaseRestored(OnTimerContext ctx, Collector<WorkItem> out) throws Exception {
        if (!restored
                || inputSinceStart
                || ctx.timerService().currentWatermark() != Long.MIN_VALUE) {
            return; // records flow: the sources' watermarks release buffered events in order
        }
        long now = ctx.timerService().currentProcessingTime();
        if (firstRestoreCheck == Long.MIN_VALUE) {
            firstRestoreCheck = now;
        }
        long due = firstRestoreCheck + restoreGraceMs;
        if (now < due) {
            ctx.timerService().registerProcessingTimeTimer(due);
            return;
        }
        List<Long> times = new ArrayList<>();
        pending.keys().forEach(times::add);
        if (times.isEmpty()) {
            return;
        }
        times.sort(null);
        LOG.info(
                "device {}: no watermark {} ms after the restore, applying its {} restored event"
                        + " time(s) up to {}",
                ctx.getCurrentKey(),
                restoreGraceMs,
                times.size(),
                times.get(times.size() - 1));
        for (long t : times) {
            List<DeviceEvent> events = pending.get(t);
            pending.remove(t);
            events.sort(APPLY_ORDER);
            restoredReleases.inc(events.size());
            apply(events, ctx.getBroadcastState(PROFILES), ctx, out);
        }
    }

    private void apply(
            List<DeviceEvent> events,
            ReadOnlyBroadcastState<String, String> profiles,
            ReadOnlyContext ctx,
            Collector<WorkItem> out)
            throws Exception {
        DeviceState s = state.value();
        if (s == null) {
            s = logic.initial();
        }
        for (DeviceEvent e : events) {
            if (e.isTelemetry()) {
                s = logic.apply(s, e.telemetry());
            } else {
                s = decide(s, e.frame(), profiles, ctx, out);
            }
        }
        state.update(s);
        if (idleTimer.value() == null) {
            long at = s.lastEventTime() + config.idleTimeoutMs();
            idleTimer.update(at);
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    private DeviceState decide(
            DeviceState s,
            FrameIn frame,
            ReadOnlyBroadcastState<String, String> profiles,
            ReadOnlyContext ctx,
            Collector<WorkItem> out)
            throws Exception {
        ModelProfile profile = catalog.get(frame.modelId(), profiles.get(frame.modelId()));
        ControllerLogic.Step step =
                logic.decide(s, frame, profile, () -> catalog.knownModels(entries(profiles)));
        if (step.duplicate()) {
            duplicates.inc();
            return step.next();
        }
        if (step.decision() != null) {
            ctx.output(DECISIONS, step.decision());
            decisions.inc();
            record(step.decision());
        }
        if (step.work() != null) {
            framesAdmitted.inc();
            out.collect(step.work());
        } else {
            if (step.outcome().status() == ResultStatus.SKIPPED) {
                framesSkipped.inc();
            } else {
                framesFailed.inc();
            }
            ctx.output(OUTCOMES, step.outcome());
        }
        return step.next();
    }

    private static Iterable<Map.Entry<String, String>> entries(
            ReadOnlyBroadcastState<String, String> profiles) {
        try {
            return profiles.immutableEntries();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the model-profiles broadcast state", e);
        }
    }

    private void record(DecisionRecord d) {
        chosenCut.update(d.cut());
        gpuClockMhz.update(Math.round(d.gpuClockHz() / 1e6));
        uplinkMbps.update(Math.round(d.uplinkBps() / 1e6));
        computeBacklogMs.update(Math.round(d.computeBacklogS() * 1e3));
        uplinkBacklogKbit.update(Math.round(d.uplinkBacklogBits() / 1e3));
        powerQueue.update(Math.round(d.powerQueue()));
        energyMj.update(Math.round((d.computeEnergyJ() + d.radioEnergyJ()) * 1e3));
    }

    @Override
    public void processBroadcastElement(ProfileUpdate update, Context ctx, Collector<WorkItem> out)
            throws Exception {
        BroadcastState<String, String> profiles = ctx.getBroadcastState(PROFILES);
        profiles.put(update.modelId(), update.profileJson());
    }
}
