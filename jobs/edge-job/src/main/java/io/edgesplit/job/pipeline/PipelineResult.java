package io.edgesplit.job.pipeline;

import io.edgesplit.job.events.ResultStatus;

/**
 * The pipeline job's outcome of one frame (exactly one per frame), with the plan's predicted and
 * the emulated times. Written to the results topic as an {@code InferenceResult}.
 *
 * @param deviceId camera
 * @param frameId frame
 * @param modelId model
 * @param captureTime capture time, epoch ms
 * @param status OK or FAILED
 * @param reason why it failed, null when OK
 * @param top1 top-1 class, null unless OK
 * @param score softmax probability of the top-1 class, null unless OK
 * @param policy "plan:" and the planner's algorithm
 * @param stages stages of the plan
 * @param waitMs emulated wait for busy stages
 * @param computeMs emulated compute on the devices
 * @param linkMs emulated transfers
 * @param endToEndMs emulated capture to output: wait + compute + transfers
 * @param predictedMs the plan's time of one frame through an empty pipeline
 * @param predictedPeriodMs the plan's period (bottleneck stage time)
 * @param hostMs measured ONNX Runtime time of the stages here
 */
public record PipelineResult(
        String deviceId,
        long frameId,
        String modelId,
        long captureTime,
        ResultStatus status,
        String reason,
        Integer top1,
        Float score,
        String policy,
        int stages,
        double waitMs,
        double computeMs,
        double linkMs,
        double endToEndMs,
        double predictedMs,
        double predictedPeriodMs,
        double hostMs) {

    /** An OK outcome of a frame that left the last stage. */
    public static PipelineResult ok(StageFrame f, PipelinePlan plan, int top1, float score) {
        return of(f, plan, ResultStatus.OK, null, top1, score);
    }

    /** A FAILED outcome, with the times charged until it failed. */
    public static PipelineResult failed(StageFrame f, PipelinePlan plan, String reason) {
        return of(f, plan, ResultStatus.FAILED, reason, null, null);
    }

    private static PipelineResult of(
            StageFrame f,
            PipelinePlan plan,
            ResultStatus status,
            String reason,
            Integer top1,
            Float score) {
        return new PipelineResult(
                f.deviceId(),
                f.frameId(),
                f.modelId(),
                f.captureTime(),
                status,
                reason,
                top1,
                score,
                "plan:" + plan.algorithm(),
                plan.stages().size(),
                f.waitMs(),
                f.computeMs(),
                f.linkMs(),
                f.waitMs() + f.computeMs() + f.linkMs(),
                plan.latencyMs(),
                plan.periodMs(),
                f.hostMs());
    }
}
