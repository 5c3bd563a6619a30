package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * Baseline: the device runs the whole model (p = L) at its maximum clock and sends the output at
 * the highest candidate rate. Admits everything unless the predicted queue wait exceeds {@code
 * admissionMaxWaitSeconds}.
 */
public final class DeviceOnlyPolicy implements Policy {

    private final ControllerConfig config;

    DeviceOnlyPolicy(ControllerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return Policies.DEVICE_ONLY;
    }

    @Override
    public ControllerConfig config() {
        return config;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        int clock = costs.maxClockIndex();
        int cut = costs.lastCut();
        return Baselines.finish(name(), config, costs, device, s, in, cut, clock);
    }
}
