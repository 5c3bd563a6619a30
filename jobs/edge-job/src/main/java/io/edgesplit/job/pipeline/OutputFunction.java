package io.edgesplit.job.pipeline;

import io.edgesplit.job.inference.Tensors;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The end of the pipeline: the last stage's output (logits) becomes the frame's OK result. */
public class OutputFunction extends ProcessFunction<StageFrame, PipelineResult> {

    private static final long serialVersionUID = 1L;

    private final PipelinePlan plan;

    public OutputFunction(PipelinePlan plan) {
        this.plan = plan;
    }

    @Override
    public void processElement(StageFrame f, Context ctx, Collector<PipelineResult> out) {
        PipelineResult r;
        try {
            Tensors.Top1 top = Tensors.top1(Tensors.toData(f.tensors()[0]))[0];
            r = PipelineResult.ok(f, plan, top.index(), top.score());
        } catch (RuntimeException e) {
            r = PipelineResult.failed(f, plan, "model output: " + e.getMessage());
        }
        out.collect(r);
    }
}
