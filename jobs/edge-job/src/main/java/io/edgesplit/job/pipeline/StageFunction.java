package io.edgesplit.job.pipeline;

import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.job.inference.Tensors;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One stage of the pipeline job, keyed by camera: runs the stage's sub-model on ONNX Runtime (the
 * arithmetic is real) and charges the stage's emulated time from the plan's cost model (its
 * devices' receive, compute and send times from their profiles and links), queued behind the
 * camera's previous frame on the same stage ({@link StageClock}; the busy-until time is keyed
 * state). A stage of several devices runs here whole; its time is the plan's, with the rows shared.
 */
public class StageFunction extends KeyedProcessFunction<String, StageFrame, StageFrame> {

    private static final long serialVersionUID = 1L;

    /** FAILED outcomes of frames a stage could not run. */
    public static final OutputTag<PipelineResult> FAILED =
            new OutputTag<>("stage-failures", TypeInformation.of(PipelineResult.class));

    private final PipelinePlan plan;
    private final int index;
    private final String modelSource;
    private final int threads;
    private transient ModelRunner runner;
    private transient ValueState<BusyUntil> busyUntil;

    /**
     * Until when the stage is busy with the camera's previous frame: {@code offsetMs} after that
     * frame's capture time {@code captureTime} (kept apart so fractions of a millisecond survive).
     */
    public record BusyUntil(long captureTime, double offsetMs) {}

    /**
     * @param plan the plan
     * @param index the stage (0 first)
     * @param modelSource the plan's model: a built-in name or an .onnx path readable here
     * @param threads ONNX Runtime intra-op threads
     */
    public StageFunction(PipelinePlan plan, int index, String modelSource, int threads) {
        this.plan = plan;
        this.index = index;
        this.modelSource = modelSource;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext openContext) {
        busyUntil =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "busy-until", TypeInformation.of(BusyUntil.class)));
        var stage = PipelineModel.split(modelSource, plan).get(index);
        runner =
                ModelRunner.open(
                        stage.model(), RunnerOptions.builder().intraOpThreads(threads).build());
    }

    @Override
    public void processElement(StageFrame f, Context ctx, Collector<StageFrame> out)
            throws Exception {
        if (index == 0 && !plan.modelId().equals(f.modelId())) {
            ctx.output(
                    FAILED,
                    PipelineResult.failed(
                            f,
                            plan,
                            "frame is for model '"
                                    + f.modelId()
                                    + "', the pipeline job runs a plan of '"
                                    + plan.modelId()
                                    + "'"));
            return;
        }
        List<TensorData> result;
        long t0 = System.nanoTime();
        try {
            result = runner.run(Tensors.toData(f.tensors()));
        } catch (RuntimeException e) {
            ctx.output(
                    FAILED,
                    PipelineResult.failed(
                            f, plan, "stage " + (index + 1) + " failed: " + e.getMessage()));
            return;
        }
        double hostMs = (System.nanoTime() - t0) / 1e6;
        PipelinePlan.Stage stage = plan.stages().get(index);
        BusyUntil busy = busyUntil.value();
        double busyMs =
                busy == null
                        ? Double.NaN
                        : (busy.captureTime() - f.captureTime()) + busy.offsetMs();
        StageClock.Slot slot = StageClock.schedule(f.readyMs(), busyMs, stage.timeMs());
        busyUntil.update(new BusyUntil(f.captureTime(), slot.endMs()));
        TensorPayload[] tensors = Tensors.toPayloads(result);
        out.collect(f.after(tensors, slot, stage.computeMs(), stage.linkMs(), hostMs));
    }

    @Override
    public void close() throws Exception {
        if (runner != null) {
            runner.close();
        }
        super.close();
    }
}
