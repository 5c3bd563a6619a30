package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * CIC (Yang et al., IJCNN 2022): the latency-minimising cut over every cut of the compressed graph
 * (the prefix cuts and the general cuts the analysis keeps; docs/partitioning.md), read from a
 * bandwidth → cut table computed once per model and device ({@link ModelCosts#latencyEnvelope()})
 * instead of searched each slot: a binary search over the table's breakpoints at the highest
 * candidate rate r̂ ≤ R(t), at the maximum clock. It chooses the cuts {@link DadsPolicy}'s
 * light-load rule does (tested), in O(log C). With no uplink (r̂ = 0) it picks the cut with the
 * fewest bits. Admission as the other baselines.
 *
 * @param config the settings it was created with
 */
public record CicPolicy(ControllerConfig config) implements Policy {

    @Override
    public String name() {
        return Policies.CIC;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        int clock = costs.maxClockIndex();
        double r = SlotModel.maxRate(costs, in, config);
        int cut = r > 0 ? costs.latencyEnvelope().cutAt(r) : DadsPolicy.fastest(costs, r);
        return Baselines.finish(name(), config, costs, device, s, in, cut, clock, r);
    }
}
