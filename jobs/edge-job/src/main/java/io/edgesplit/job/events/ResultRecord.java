package io.edgesplit.job.events;

/**
 * Exactly one per input frame: processed (OK), skipped by admission control, or failed.
 *
 * @param deviceId device
 * @param frameId frame
 * @param modelId model
 * @param cut cut it was processed at (-1 when no decision was made)
 * @param captureTime capture time, epoch ms
 * @param status outcome
 * @param reason why it was skipped or failed, null when OK
 * @param top1 top-1 class, null unless OK
 * @param score softmax probability of the top-1 class, null unless OK
 * @param policy policy that decided, null when none did
 * @param queueWaitMs wait behind device and uplink backlogs (emulated)
 * @param headMs device head time (emulated from the device profile)
 * @param transferMs uplink transfer time (emulated from the uplink rate)
 * @param tailMs tail inference time on the edge (measured) plus its batching wait
 * @param endToEndMs queue wait + head + transfer + tail
 * @param energyJ device energy charged
 * @param batchSize tail batch the frame ran in (0 when no tail ran)
 * @param executionProvider where the tail ran: cpu, cuda, or "device" for device-only frames
 */
public record ResultRecord(
        String deviceId,
        long frameId,
        String modelId,
        int cut,
        long captureTime,
        ResultStatus status,
        String reason,
        Integer top1,
        Float score,
        String policy,
        double queueWaitMs,
        double headMs,
        double transferMs,
        double tailMs,
        double endToEndMs,
        double energyJ,
        int batchSize,
        String executionProvider) {

    /** A FAILED outcome for a frame that never got a decision. */
    public static ResultRecord failed(FrameIn frame, String reason) {
        return undecided(frame, ResultStatus.FAILED, null, reason);
    }

    /** A FAILED outcome for an admitted frame. */
    public static ResultRecord failed(WorkItem w, String reason) {
        FrameIn f = w.frame();
        return new ResultRecord(
                f.deviceId(),
                f.frameId(),
                f.modelId(),
                w.cut(),
                f.captureTime(),
                ResultStatus.FAILED,
                reason,
                null,
                null,
                w.policy(),
                w.queueWaitMs(),
                w.headMs(),
                w.transferMs(),
                0,
                0,
                w.energyJ(),
                0,
                "none");
    }

    /** A SKIPPED outcome (not admitted). */
    public static ResultRecord skipped(FrameIn f, String policy, String reason) {
        return undecided(f, ResultStatus.SKIPPED, policy, reason);
    }

    /** An outcome for a frame that reached no cut: nothing was charged or run. */
    private static ResultRecord undecided(
            FrameIn f, ResultStatus status, String policy, String reason) {
        return new ResultRecord(
                f.deviceId(),
                f.frameId(),
                f.modelId(),
                -1,
                f.captureTime(),
                status,
                reason,
                null,
                null,
                policy,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                "none");
    }

    /** An OK outcome. */
    public static ResultRecord ok(
            WorkItem w, int top1, float score, double tailMs, int batchSize, String provider) {
        FrameIn f = w.frame();
        double e2e = w.queueWaitMs() + w.headMs() + w.transferMs() + tailMs;
        return new ResultRecord(
                f.deviceId(),
                f.frameId(),
                f.modelId(),
                w.cut(),
                f.captureTime(),
                ResultStatus.OK,
                null,
                top1,
                score,
                w.policy(),
                w.queueWaitMs(),
                w.headMs(),
                w.transferMs(),
                tailMs,
                e2e,
                w.energyJ(),
                batchSize,
                provider);
    }
}
