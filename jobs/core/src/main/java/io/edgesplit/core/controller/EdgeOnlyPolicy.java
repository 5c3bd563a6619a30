package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * Baseline: every frame goes raw to the edge (p = 0); the device GPU idles at its lowest clock and
 * the uplink runs at the highest candidate rate. Admits everything unless the predicted queue wait
 * exceeds {@code admissionMaxWaitSeconds}.
 */
public final class EdgeOnlyPolicy implements Policy {

    private final ControllerConfig config;

    EdgeOnlyPolicy(ControllerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return Policies.EDGE_ONLY;
    }

    @Override
    public ControllerConfig config() {
        return config;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        return Baselines.finish(name(), config, costs, device, s, in, 0, 0);
    }
}
