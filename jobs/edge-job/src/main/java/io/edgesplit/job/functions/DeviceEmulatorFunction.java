package io.edgesplit.job.functions;

import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.TailWork;
import io.edgesplit.job.events.WorkItem;
import io.edgesplit.job.inference.InferenceSessions;
import io.edgesplit.job.inference.RunnerSettings;
import io.edgesplit.job.inference.Tensors;
import io.edgesplit.job.metrics.EdgeMetrics;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.TensorData;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Replay mode's stand-in for the device: runs the head sub-model at the decided cut on ONNX Runtime
 * (CPU) to produce the activation the device would send. The device's time and energy were already
 * charged by the controller from the device profile; the host's wall time is only a metric. Frames
 * at cut 0 pass their raw tensors on; device-only frames (last cut) end here with their result;
 * frames in live mode carry the device's activation and pass straight through.
 */
public class DeviceEmulatorFunction extends ProcessFunction<WorkItem, TailWork> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ResultRecord> OUTCOMES =
            new OutputTag<>("emulator-outcomes", TypeInformation.of(ResultRecord.class));

    private final EdgeJobConfig config;
    private transient InferenceSessions sessions;
    private transient Histogram headWallMs;

    public DeviceEmulatorFunction(EdgeJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        sessions = new InferenceSessions(config, RunnerSettings.device(config));
        headWallMs =
                EdgeMetrics.histogram(
                        EdgeMetrics.group(getRuntimeContext()), EdgeMetrics.HEAD_WALL_MS);
    }

    @Override
    public void processElement(WorkItem w, Context ctx, Collector<TailWork> out) {
        if (w.cut() == 0 || w.frame().cut() == w.cut()) {
            // the frame already carries the tensors at its cut (raw input, or a live activation)
            out.collect(new TailWork(w, w.frame().tensors(), 0L));
            return;
        }
        List<TensorData> activation;
        long start = System.nanoTime();
        try {
            ModelRunner head = sessions.head(w.frame().modelId(), w.cut());
            activation = head.run(Tensors.toData(w.frame().tensors()));
        } catch (RuntimeException e) {
            ctx.output(
                    OUTCOMES,
                    ResultRecord.failed(
                            w, "head inference failed at cut " + w.cut() + ": " + e.getMessage()));
            return;
        }
        headWallMs.update((System.nanoTime() - start) / 1_000_000);
        if (w.cut() == w.lastCut()) {
            // device-only: the head is the whole model and its output the result
            try {
                Tensors.Top1 top = Tensors.top1(activation.get(0))[0];
                ctx.output(
                        OUTCOMES, ResultRecord.ok(w, top.index(), top.score(), 0.0, 0, "device"));
            } catch (RuntimeException e) {
                ctx.output(OUTCOMES, ResultRecord.failed(w, e.getMessage()));
            }
            return;
        }
        out.collect(new TailWork(w, Tensors.toPayloads(activation), 0L));
    }

    @Override
    public void close() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        super.close();
    }
}
