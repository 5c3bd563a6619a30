package io.edgesplit.core.controller;

/**
 * One slot's decision for one device, with the predictions it was based on and the queues after the
 * slot.
 *
 * @param policy name of the policy that decided
 * @param admitted frames admitted, a ≤ A(t)
 * @param cut cut index for the admitted frames (0 = raw input to the edge, L = device-only)
 * @param gpuClockHz GPU clock for this slot
 * @param uplinkBps uplink rate for this slot (0 = do not transmit)
 * @param headSeconds head time of one admitted frame at the chosen clock
 * @param transferSeconds bits at the cut / uplinkBps (0 if nothing is sent, +inf if the rate is 0)
 * @param tailSeconds tail time on the edge server
 * @param queueWaitSeconds wait caused by the backlogs before this slot: Qc/μc(f) + Qn/r (+inf if
 *     bits wait and the rate is 0)
 * @param computeEnergyJ device compute energy of this slot: P(f)·busy + P_idle·(Δ − busy)
 * @param radioEnergyJ radio energy of this slot: P_tx(r)·min(Δ, Qn/r)
 * @param objective drift-plus-penalty value J of this decision (comparable within one slot)
 * @param after queues after the slot
 */
public record ControlDecision(
        String policy,
        int admitted,
        int cut,
        long gpuClockHz,
        double uplinkBps,
        double headSeconds,
        double transferSeconds,
        double tailSeconds,
        double queueWaitSeconds,
        double computeEnergyJ,
        double radioEnergyJ,
        double objective,
        QueueState after) {

    /** Predicted end-to-end latency of a frame admitted now: wait + head + transfer + tail. */
    public double predictedLatencySeconds() {
        return queueWaitSeconds + headSeconds + transferSeconds + tailSeconds;
    }

    /** This decision with other queues after the slot. */
    ControlDecision withAfter(QueueState queues) {
        return new ControlDecision(
                policy,
                admitted,
                cut,
                gpuClockHz,
                uplinkBps,
                headSeconds,
                transferSeconds,
                tailSeconds,
                queueWaitSeconds,
                computeEnergyJ,
                radioEnergyJ,
                objective,
                queues);
    }

    /** Device energy of the slot: compute plus radio (J). */
    public double energyJ() {
        return computeEnergyJ + radioEnergyJ;
    }
}
