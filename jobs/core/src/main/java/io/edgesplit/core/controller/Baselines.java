package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

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
}
