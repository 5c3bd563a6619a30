package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/** What the fixed-rule baselines share: full-rate uplink and wait-bounded admission. */
final class Baselines {

    private Baselines() {}

    /** The highest candidate rate ≤ R(t) (0 if none). */
    static double maxRate(ModelCosts costs, SlotInput in, ControllerConfig cfg) {
        int n = SlotModel.rateCount(costs, in.capacityBps(), cfg.rateLevels());
        return SlotModel.rate(costs, in.capacityBps(), cfg.rateLevels(), n - 1);
    }

    /** Completes a baseline decision for a chosen cut and clock. */
    static ControlDecision finish(
            String name,
            ControllerConfig cfg,
            ModelCosts costs,
            DeviceProfile device,
            QueueState s,
            SlotInput in,
            int cut,
            int clock) {
        double r = maxRate(costs, in, cfg);
        int admitted = SlotModel.baselineAdmission(costs, s, in, cfg, clock, r);
        double j = SlotModel.objective(costs, device.radio(), s, in, cfg, admitted, cut, clock, r);
        return SlotModel.decision(
                name, costs, device, s, in, cfg, admitted, cut, clock, clock, r, j);
    }
}
