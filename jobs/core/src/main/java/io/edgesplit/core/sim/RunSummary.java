package io.edgesplit.core.sim;

import java.util.List;

/**
 * What one run (one policy at one V, all devices) achieved over the measurement window (the slots
 * after the warm-up). Latencies are of frames completed in the window; energy is the devices'
 * (compute + radio, idle power included), summed over devices.
 *
 * @param policy policy name
 * @param v V of the run, NaN for policies that ignore V
 * @param devices number of devices
 * @param windowSeconds length of the measurement window (s)
 * @param arrived frames that arrived in the window
 * @param admitted frames admitted in the window
 * @param dropped frames not admitted (skipped by admission control) in the window
 * @param completed frames whose result reached the edge in the window
 * @param inFlight frames admitted but not completed at the end of the run
 * @param throughputFps completed frames per second, all devices together
 * @param latencyP50S median end-to-end latency (s), NaN if nothing completed
 * @param latencyP95S 95th percentile latency (s)
 * @param latencyP99S 99th percentile latency (s)
 * @param latencyMeanS mean latency (s)
 * @param computeEnergyJ device compute energy (J), idle included
 * @param radioEnergyJ radio energy (J)
 * @param idleFloorJ what the devices would have used idling the whole window (J)
 * @param joulesPerFrame (compute + radio) / completed
 * @param activeJoulesPerFrame (compute + radio − idle floor) / completed: energy the work itself
 *     cost
 * @param meanPowerW mean device power (W per device)
 * @param maxDevicePowerW mean power of the most power-hungry device (W)
 * @param meanComputeBacklogS time-average compute backlog per device (s of work at fmax)
 * @param meanUplinkBacklogBits time-average uplink backlog per device (bits)
 * @param meanBacklogSeconds time-average of Qc + Qn/ρ per device (s)
 * @param finalPowerQueueW largest power virtual queue Y at the end (W)
 * @param powerQueueGrowthWPerSlot growth of the mean Y per slot over the second half of the window
 * @param overBudget whether some device's mean power exceeded the power budget by more than 1%
 * @param meanClockHz mean GPU clock over devices and slots
 * @param cutShares share of admitted frames per cut index
 * @param latencyBoundS the latency bound D the run was measured against (s; +inf for none)
 * @param lateFrames frames completed in the window with a latency above D
 */
public record RunSummary(
        String policy,
        double v,
        int devices,
        double windowSeconds,
        long arrived,
        long admitted,
        long dropped,
        long completed,
        long inFlight,
        double throughputFps,
        double latencyP50S,
        double latencyP95S,
        double latencyP99S,
        double latencyMeanS,
        double computeEnergyJ,
        double radioEnergyJ,
        double idleFloorJ,
        double joulesPerFrame,
        double activeJoulesPerFrame,
        double meanPowerW,
        double maxDevicePowerW,
        double meanComputeBacklogS,
        double meanUplinkBacklogBits,
        double meanBacklogSeconds,
        double finalPowerQueueW,
        double powerQueueGrowthWPerSlot,
        boolean overBudget,
        double meanClockHz,
        List<Double> cutShares,
        double latencyBoundS,
        long lateFrames) {

    public RunSummary {
        cutShares = List.copyOf(cutShares);
    }

    /** Share of the frames completed in the window that missed the latency bound (NaN if none). */
    public double lateShare() {
        return completed == 0 ? Double.NaN : (double) lateFrames / completed;
    }

    /** Device energy, compute plus radio (J). */
    public double energyJ() {
        return computeEnergyJ + radioEnergyJ;
    }

    /** "cutedge V=10" or "device-only". */
    public String label() {
        return Double.isNaN(v) ? policy : policy + " V=" + io.edgesplit.core.util.Values.format(v);
    }
}
