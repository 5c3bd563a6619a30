package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * DADS (Hu et al., INFOCOM 2019): per slot, the best of every cut the DAG has, prefix and general,
 * at the maximum clock and the highest candidate rate r̂ ≤ R(t), ignoring queues.
 *
 * <ul>
 *   <li>Light load (DADS's DSL): the cut minimising one frame's latency {@code w_p + s_p/r̂ + g_p}.
 *   <li>Heavy load (DSH): when that cut's slowest stage {@code max(w_p, s_p/r̂, g_p)} is longer
 *       than the mean time between this slot's arrivals (Δ/A), the cut minimising the slowest
 *       stage, so the pipeline of device, uplink and edge keeps up.
 * </ul>
 *
 * The candidate cuts contain the optimum over all predecessor-closed node sets of every objective
 * that is linear in head MACs and bytes (docs/partitioning.md), so the latency choice is DADS's
 * min-cut. Ties go to fewer bits, then the lower index. Admission as the other baselines.
 *
 * @param config the settings it was created with
 */
public record DadsPolicy(ControllerConfig config) implements Policy {

    @Override
    public String name() {
        return Policies.DADS;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        int clock = costs.maxClockIndex();
        double r = SlotModel.maxRate(costs, in, config);
        int cut = fastest(costs, r);
        double interArrival =
                in.arrivals() > 0 ? in.slotSeconds() / in.arrivals() : Double.POSITIVE_INFINITY;
        if (slowestStage(costs, cut, r) > interArrival) {
            cut = highestThroughput(costs, r);
        }
        return Baselines.finish(name(), config, costs, device, s, in, cut, clock, r);
    }

    /** The cut with the least per-frame latency at rate r over every cut (DSL). */
    static int fastest(ModelCosts costs, double r) {
        return Baselines.cheapest(costs, false, p -> Baselines.latencySeconds(costs, p, r));
    }

    /** The cut with the shortest slowest stage (DSH); ties by latency, then as usual. */
    private static int highestThroughput(ModelCosts costs, double r) {
        double shortest = Double.POSITIVE_INFINITY;
        for (int p = 0; p < costs.cutCount(); p++) {
            shortest = Math.min(shortest, slowestStage(costs, p, r));
        }
        double bottleneck = shortest;
        return Baselines.cheapest(
                costs,
                false,
                p ->
                        slowestStage(costs, p, r) == bottleneck
                                ? Baselines.latencySeconds(costs, p, r)
                                : Double.POSITIVE_INFINITY);
    }

    private static double slowestStage(ModelCosts costs, int p, double r) {
        return Math.max(
                Math.max(costs.headSecondsAtMax(p), Baselines.transferSeconds(costs, p, r)),
                costs.tailSeconds(p));
    }
}
