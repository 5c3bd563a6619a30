package io.edgesplit.job.pipeline;

import io.edgesplit.job.events.FrameIn;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.DecodedSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The k-stage topology of a multi-device plan, built over the frames stream and sinks handed in
 * (beside the two-party {@code EdgeJob}, from the same sources and sinks):
 *
 * <pre>
 * frames ─► (dead letters split off) ─► enter ─► keyBy(camera) stage 1 ─► keyBy(camera) stage 2
 *           ─► ... ─► stage k ─► top-1 ─► results (exactly once)
 *           failures of every step ─────────────────────────────────────► results
 * </pre>
 */
public final class PipelineJob {

    private PipelineJob() {}

    /** The job's outputs. */
    public record Outputs(
            DataStream<PipelineResult> results, DataStream<DeadLetterRecord> deadLetters) {}

    /**
     * Operator settings.
     *
     * @param plan the plan to run
     * @param modelSource the plan's model: a built-in name or an .onnx path readable on every
     *     TaskManager
     * @param threads ONNX Runtime intra-op threads per stage session
     */
    public record Settings(PipelinePlan plan, String modelSource, int threads)
            implements java.io.Serializable {

        public Settings {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(modelSource, "modelSource");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
            }
        }
    }

    /** Builds the topology and attaches the sinks. */
    public static Outputs build(
            DataStream<Decoded<FrameIn>> frames,
            Sink<PipelineResult> results,
            Sink<DeadLetterRecord> deadLetters,
            Settings settings) {
        Outputs o = build(frames, settings);
        o.results().sinkTo(results).name("results").uid("results-sink");
        o.deadLetters().sinkTo(deadLetters).name("dead letters").uid("dead-letters-sink");
        return o;
    }

    /** Builds the topology without sinks. */
    public static Outputs build(DataStream<Decoded<FrameIn>> frames, Settings settings) {
        SingleOutputStreamOperator<FrameIn> decoded =
                frames.process(new DecodedSplitter<>(TypeInformation.of(FrameIn.class)))
                        .name("frames: split dead letters")
                        .uid("frames-dead-letters");
        PipelinePlan plan = settings.plan();
        SingleOutputStreamOperator<StageFrame> stream =
                decoded.process(new EnterFunction(plan), TypeInformation.of(StageFrame.class))
                        .name("enter pipeline")
                        .uid("pipeline-enter");
        List<DataStream<PipelineResult>> failures = new ArrayList<>();
        failures.add(stream.getSideOutput(StageFunction.FAILED));
        for (int i = 0; i < plan.stages().size(); i++) {
            PipelinePlan.Stage s = plan.stages().get(i);
            stream =
                    stream.keyBy(StageFrame::deviceId)
                            .process(
                                    new StageFunction(
                                            plan, i, settings.modelSource(), settings.threads()),
                                    TypeInformation.of(StageFrame.class))
                            .name(
                                    "stage "
                                            + (i + 1)
                                            + ": nodes "
                                            + s.fromNode()
                                            + ".."
                                            + (s.toNode() - 1)
                                            + " on "
                                            + deviceIds(s))
                            .uid("pipeline-stage-" + (i + 1));
            failures.add(stream.getSideOutput(StageFunction.FAILED));
        }
        SingleOutputStreamOperator<PipelineResult> done =
                stream.process(new OutputFunction(plan), TypeInformation.of(PipelineResult.class))
                        .name("pipeline output")
                        .uid("pipeline-output");
        DataStream<PipelineResult> results = done;
        for (DataStream<PipelineResult> f : failures) {
            results = results.union(f);
        }
        return new Outputs(results, decoded.getSideOutput(DecodedSplitter.DEAD_LETTERS));
    }

    private static String deviceIds(PipelinePlan.Stage s) {
        return String.join("+", s.devices().stream().map(PipelinePlan.Device::id).toList());
    }

    /** Frames enter at stage 1 as raw model input (cut 0); activations at a cut fail. */
    static final class EnterFunction extends ProcessFunction<FrameIn, StageFrame> {

        private static final long serialVersionUID = 1L;

        private final PipelinePlan plan;

        EnterFunction(PipelinePlan plan) {
            this.plan = plan;
        }

        @Override
        public void processElement(FrameIn f, Context ctx, Collector<StageFrame> out) {
            StageFrame s =
                    StageFrame.enter(
                            f.deviceId(), f.frameId(), f.modelId(), f.captureTime(), f.tensors());
            if (f.cut() != 0) {
                ctx.output(
                        StageFunction.FAILED,
                        PipelineResult.failed(
                                s,
                                plan,
                                "frame carries an activation at cut "
                                        + f.cut()
                                        + ": the pipeline job takes raw frames (cut 0)"));
                return;
            }
            out.collect(s);
        }
    }
}
