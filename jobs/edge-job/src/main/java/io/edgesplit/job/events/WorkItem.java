package io.edgesplit.job.events;

/**
 * An admitted frame with the controller's decision for it, on its way to the device emulator and
 * the tail.
 *
 * @param frame the frame
 * @param policy policy that decided
 * @param cut cut the frame is processed at
 * @param lastCut the model's last cut (device-only)
 * @param gpuClockHz device GPU clock
 * @param uplinkBps uplink rate
 * @param queueWaitMs predicted wait behind the device and uplink backlogs
 * @param headMs device head time at the chosen clock
 * @param transferMs uplink transfer time of the cut tensors
 * @param predictedTailMs predicted tail time on the edge
 * @param energyJ device energy charged for the frame (compute + radio)
 */
public record WorkItem(
        FrameIn frame,
        String policy,
        int cut,
        int lastCut,
        long gpuClockHz,
        double uplinkBps,
        double queueWaitMs,
        double headMs,
        double transferMs,
        double predictedTailMs,
        double energyJ) {

    /** Key of the tail operator: frames with the same model and cut are batched together. */
    public String tailKey() {
        return frame.modelId() + "#" + cut;
    }
}
