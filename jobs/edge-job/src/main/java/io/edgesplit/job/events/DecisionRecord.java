package io.edgesplit.job.events;

/**
 * The controller's decision for one frame (slot), with the queue values after the update.
 *
 * @param deviceId device
 * @param frameId frame the decision was made for
 * @param eventTime event time of the decision (the frame's capture time), epoch ms
 * @param policy policy name
 * @param cut chosen cut
 * @param gpuClockHz chosen device GPU clock
 * @param uplinkBps chosen uplink rate
 * @param admitted frames admitted (0 or 1 per frame)
 * @param predictedHeadMs head time at the chosen clock
 * @param predictedTransferMs transfer time at the chosen rate
 * @param predictedTailMs tail time on the edge
 * @param predictedQueueWaitMs wait behind the backlogs
 * @param computeEnergyJ device compute energy in the slot
 * @param radioEnergyJ device radio energy in the slot
 * @param computeBacklogS device compute backlog after the update, seconds of work
 * @param uplinkBacklogBits uplink backlog after the update, bits
 * @param powerQueue power-budget virtual queue after the update
 * @param computeDelayQueue compute delay virtual queue after the update
 * @param uplinkDelayQueue uplink delay virtual queue after the update
 */
public record DecisionRecord(
        String deviceId,
        long frameId,
        long eventTime,
        String policy,
        int cut,
        long gpuClockHz,
        double uplinkBps,
        int admitted,
        double predictedHeadMs,
        double predictedTransferMs,
        double predictedTailMs,
        double predictedQueueWaitMs,
        double computeEnergyJ,
        double radioEnergyJ,
        double computeBacklogS,
        double uplinkBacklogBits,
        double powerQueue,
        double computeDelayQueue,
        double uplinkDelayQueue) {}
