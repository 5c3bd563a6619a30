package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import java.util.function.IntToDoubleFunction;

/**
 * Neurosurgeon-style baselines (Kang et al., ASPLOS 2017): per slot, pick the cut that minimises
 * one frame's latency or one frame's device energy at the maximum clock and the current rate,
 * ignoring queues. The uplink runs at the highest candidate rate r̂ ≤ R(t).
 *
 * <ul>
 *   <li>latency: {@code argmin_p w_p + s_p/r̂ + g_p}
 *   <li>energy: {@code argmin_p (P(fmax) − P_idle)·w_p + P_tx(r̂)·s_p/r̂} (energy above idle)
 * </ul>
 *
 * Ties go to fewer bits, then the lower index. Admits everything unless the predicted queue wait
 * exceeds {@code admissionMaxWaitSeconds}. Like the original, it considers the prefix cuts of the
 * topological order only, never a general (DAG) cut: {@link DadsPolicy} and {@link CicPolicy} do.
 */
public final class NeurosurgeonPolicy implements Policy {

    /** What one frame's cost is measured in. */
    enum Objective {
        LATENCY,
        ENERGY
    }

    private final ControllerConfig config;
    private final Objective objective;

    NeurosurgeonPolicy(ControllerConfig config, Objective objective) {
        this.config = config;
        this.objective = objective;
    }

    @Override
    public String name() {
        return objective == Objective.LATENCY
                ? Policies.NEUROSURGEON_LATENCY
                : Policies.NEUROSURGEON_ENERGY;
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
        double r = SlotModel.maxRate(costs, in, config);
        double busyAboveIdle = costs.busyPowerW(clock) - costs.idleW();
        double txJoulesPerBit = r > 0 ? device.radio().txPowerW(r) / r : Double.POSITIVE_INFINITY;
        IntToDoubleFunction cost =
                objective == Objective.LATENCY
                        ? p -> Baselines.latencySeconds(costs, p, r)
                        : p -> {
                            double bits = costs.bits(p);
                            double radio = bits == 0 ? 0 : bits * txJoulesPerBit;
                            return busyAboveIdle * costs.headSecondsAtMax(p) + radio;
                        };
        int best = Baselines.cheapest(costs, true, cost);
        return Baselines.finish(name(), config, costs, device, s, in, best, clock, r);
    }
}
