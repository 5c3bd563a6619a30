package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;

/**
 * Baseline: a uniformly random cut, clock and non-zero candidate rate per slot. Deterministic: the
 * choices are a hash (SplitMix64) of the configured seed and {@link SlotInput#slot()}, never the
 * wall clock or a shared generator, so replays decide the same. Admits everything unless the
 * predicted queue wait exceeds {@code admissionMaxWaitSeconds}.
 */
public final class RandomPolicy implements Policy {

    private final ControllerConfig config;

    RandomPolicy(ControllerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return Policies.RANDOM;
    }

    @Override
    public ControllerConfig config() {
        return config;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        long h1 = mix(config.seed() ^ mix(in.slot() + 0x9E3779B97F4A7C15L));
        long h2 = mix(h1);
        long h3 = mix(h2);
        int cut = (int) Long.remainderUnsigned(h1, costs.cutCount());
        int clock = (int) Long.remainderUnsigned(h2, costs.clockCount());
        int rates = SlotModel.rateCount(costs, in.capacityBps(), config.rateLevels());
        double r =
                rates <= 1
                        ? 0
                        : SlotModel.rate(
                                costs,
                                in.capacityBps(),
                                config.rateLevels(),
                                1 + (int) Long.remainderUnsigned(h3, rates - 1));
        return Baselines.finish(name(), config, costs, device, s, in, cut, clock, r);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
