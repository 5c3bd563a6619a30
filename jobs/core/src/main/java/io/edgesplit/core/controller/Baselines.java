package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import java.util.function.IntToDoubleFunction;

/**
 * What the fixed-rule baselines share: wait-bounded admission and the decision record, by default
 * at the full candidate rate.
 */
final class Baselines {

    private Baselines() {}

    /** Completes a baseline decision for a chosen cut and clock at the highest candidate rate. */
    static ControlDecision finish(
            String name,
            ControllerConfig cfg,
            ModelCosts costs,
            DeviceProfile device,
            QueueState s,
            SlotInput in,
            int cut,
            int clock) {
        return finish(
                name, cfg, costs, device, s, in, cut, clock, SlotModel.maxRate(costs, in, cfg));
    }

    /** Completes a baseline decision for a chosen cut, clock and uplink rate. */
    static ControlDecision finish(
            String name,
            ControllerConfig cfg,
            ModelCosts costs,
            DeviceProfile device,
            QueueState s,
            SlotInput in,
            int cut,
            int clock,
            double r) {
        int admitted = SlotModel.baselineAdmission(costs, s, in, cfg, clock, r);
        double j = SlotModel.objective(costs, device.radio(), s, in, cfg, admitted, cut, clock, r);
        return SlotModel.decision(
                name, costs, device, s, in, cfg, admitted, cut, clock, clock, r, j);
    }

    /** Seconds to send cut p's bits at rate r: none without bits, infinite without an uplink. */
    static double transferSeconds(ModelCosts costs, int p, double r) {
        double bits = costs.bits(p);
        return bits == 0 ? 0 : r > 0 ? bits / r : Double.POSITIVE_INFINITY;
    }

    /** One frame's latency at cut p and rate r: head at fmax, transfer, tail. */
    static double latencySeconds(ModelCosts costs, int p, double r) {
        return costs.headSecondsAtMax(p) + transferSeconds(costs, p, r) + costs.tailSeconds(p);
    }

    /**
     * The cut of least {@code cost} among every cut, or among the prefix cuts only; ties go to
     * fewer bits, then the lower index.
     */
    static int cheapest(ModelCosts costs, boolean prefixOnly, IntToDoubleFunction cost) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int p = 0; p < costs.cutCount(); p++) {
            if (prefixOnly && costs.general(p)) {
                continue;
            }
            double c = cost.applyAsDouble(p);
            if (best < 0 || c < bestCost || (c == bestCost && costs.bits(p) < costs.bits(best))) {
                best = p;
                bestCost = c;
            }
        }
        return best;
    }
}
