package io.edgesplit.job;

import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.TailWork;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.WorkItem;
import io.edgesplit.job.functions.DeviceEmulatorFunction;
import io.edgesplit.job.functions.PartitionControllerFunction;
import io.edgesplit.job.functions.TailInferenceFunction;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.DecodedSplitter;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The edge job's topology, built over streams and sinks handed in, so that {@code main}, the demo
 * and the tests wire the same graph to Kafka or to finite test data.
 *
 * <pre>
 * telemetry ─┐ (dead letters split off)                         ┌─► decisions
 * frames ────┴─► keyBy(device) ─► controller ◄── profiles (bcast)┤
 *                                   │ admitted                    └─► skipped / failed ──┐
 *                                   ▼                                                    │
 *                             device emulator (head on ORT) ─► device-only / failed ─────┤
 *                                   │ activation                                         │
 *                                   ▼                                                    ▼
 *                  keyBy(model#cut) tail inference (micro-batched ORT) ────────────► results
 * </pre>
 */
public final class EdgeJob {

    private EdgeJob() {}

    /** The job's inputs; each carries decoded values or dead letters. */
    public record Sources(
            DataStream<Decoded<Telemetry>> telemetry,
            DataStream<Decoded<FrameIn>> frames,
            DataStream<Decoded<ProfileUpdate>> profiles) {

        public Sources {
            Objects.requireNonNull(telemetry, "telemetry");
            Objects.requireNonNull(frames, "frames");
            Objects.requireNonNull(profiles, "profiles");
        }
    }

    /** The job's outputs. */
    public record Sinks(
            Sink<ResultRecord> results,
            Sink<DecisionRecord> decisions,
            Sink<DeadLetterRecord> deadLetters) {

        public Sinks {
            Objects.requireNonNull(results, "results");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(deadLetters, "deadLetters");
        }
    }

    /** The streams the topology produced, for tests and for callers that attach more sinks. */
    public record Outputs(
            DataStream<ResultRecord> results,
            DataStream<DecisionRecord> decisions,
            DataStream<DeadLetterRecord> deadLetters) {}

    /** Builds the topology and attaches the sinks. */
    public static Outputs build(Sources sources, Sinks sinks, EdgeJobConfig config) {
        Outputs outputs = build(sources, config);
        outputs.results().sinkTo(sinks.results()).name("results").uid("results-sink");
        outputs.decisions().sinkTo(sinks.decisions()).name("decisions").uid("decisions-sink");
        outputs.deadLetters()
                .sinkTo(sinks.deadLetters())
                .name("dead letters")
                .uid("dead-letters-sink");
        return outputs;
    }

    /** Builds the topology without sinks. */
    public static Outputs build(Sources sources, EdgeJobConfig config) {
        SingleOutputStreamOperator<Telemetry> telemetry =
                sources.telemetry()
                        .process(new DecodedSplitter<>(TypeInformation.of(Telemetry.class)))
                        .name("telemetry: split dead letters")
                        .uid("telemetry-dead-letters");
        SingleOutputStreamOperator<FrameIn> frames =
                sources.frames()
                        .process(new DecodedSplitter<>(TypeInformation.of(FrameIn.class)))
                        .name("frames: split dead letters")
                        .uid("frames-dead-letters");
        SingleOutputStreamOperator<ProfileUpdate> profiles =
                sources.profiles()
                        .process(new DecodedSplitter<>(TypeInformation.of(ProfileUpdate.class)))
                        .name("profiles: split dead letters")
                        .uid("profiles-dead-letters");
        DataStream<DeadLetterRecord> deadLetters =
                telemetry
                        .getSideOutput(DecodedSplitter.DEAD_LETTERS)
                        .union(
                                frames.getSideOutput(DecodedSplitter.DEAD_LETTERS),
                                profiles.getSideOutput(DecodedSplitter.DEAD_LETTERS));

        TypeInformation<DeviceEvent> eventType = TypeInformation.of(DeviceEvent.class);
        DataStream<DeviceEvent> events =
                telemetry
                        .map(DeviceEvent::of, eventType)
                        .name("telemetry events")
                        .union(frames.map(DeviceEvent::of, eventType).name("frame events"));
        BroadcastStream<ProfileUpdate> profileBroadcast =
                profiles.broadcast(PartitionControllerFunction.PROFILES);

        SingleOutputStreamOperator<WorkItem> admitted =
                events.keyBy(DeviceEvent::deviceId)
                        .connect(profileBroadcast)
                        .process(
                                new PartitionControllerFunction(config),
                                TypeInformation.of(WorkItem.class))
                        .name("partition controller")
                        .uid("controller");

        SingleOutputStreamOperator<TailWork> activations =
                admitted.process(
                                new DeviceEmulatorFunction(config),
                                TypeInformation.of(TailWork.class))
                        .name("device emulator")
                        .uid("device-emulator");

        SingleOutputStreamOperator<ResultRecord> inferred =
                activations
                        .keyBy(TailWork::tailKey)
                        .process(
                                new TailInferenceFunction(config),
                                TypeInformation.of(ResultRecord.class))
                        .name("tail inference")
                        .uid("tail-inference");

        DataStream<ResultRecord> results =
                inferred.union(
                        admitted.getSideOutput(PartitionControllerFunction.OUTCOMES),
                        activations.getSideOutput(DeviceEmulatorFunction.OUTCOMES));
        DataStream<DecisionRecord> decisions =
                admitted.getSideOutput(PartitionControllerFunction.DECISIONS);
        return new Outputs(results, decisions, deadLetters);
    }

    /**
     * Watermarks for telemetry and frames: bounded out-of-orderness on the event time; a partition
     * quiet for the source idleness first releases its last events and then stops holding the job
     * back ({@link PauseFlushingWatermarks}). Dead letters carry no event time and never advance
     * the watermark.
     */
    public static <T> WatermarkStrategy<Decoded<T>> eventTimeWatermarks(
            EdgeJobConfig config, SerializableFunction<T, Long> eventTime) {
        long bound = config.outOfOrdernessMs();
        long idleness = config.sourceIdlenessMs();
        return WatermarkStrategy.<Decoded<T>>forGenerator(
                        ctx ->
                                new PauseFlushingWatermarks<>(
                                        bound, idleness, ctx.getInputActivityClock()))
                .withTimestampAssigner(
                        (d, recordTs) ->
                                d.isDeadLetter() ? Long.MIN_VALUE : eventTime.apply(d.value()));
    }

    /**
     * Watermarks for the profiles stream: profiles are control data without event time, so the
     * stream declares itself idle and never holds back the controller's timers. (A watermark at the
     * end of time would be wrong: once the telemetry and frame sources go idle in a pause, the
     * controller's combined watermark would jump to it, fire every device's idle timer and clear
     * the devices' state.) A profile record briefly makes the stream active; an input that comes
     * back behind the current watermark does not hold it back.
     */
    public static <T> WatermarkStrategy<T> timelessWatermarks() {
        return WatermarkStrategy.forGenerator(ctx -> new AlwaysIdle<>());
    }

    private static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }
}
