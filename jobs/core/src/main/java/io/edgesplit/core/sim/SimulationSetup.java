package io.edgesplit.core.sim;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-device inputs shared by all runs of a simulation: profiles, cost tables, traces with their
 * start offsets, per-slot capacities and arrivals (common random numbers).
 */
final class SimulationSetup {
    final int n;
    final DeviceProfile[] profiles;
    final ModelCosts[] costs;
    final BandwidthTrace[] traces;
    final double[] offsets;
    final double[][] capacity;
    final int[][] arrivals;
    final Map<String, ModelCosts> byType = new LinkedHashMap<>();

    SimulationSetup(SimulationSpec spec) {
        n = spec.deviceCount();
        profiles = new DeviceProfile[n];
        costs = new ModelCosts[n];
        traces = new BandwidthTrace[n];
        offsets = new double[n];
        capacity = new double[n][];
        arrivals = new int[n][];
        int d = 0;
        for (DeviceGroup g : spec.devices()) {
            ModelCosts c = costsOf(spec, g);
            int k = g.traces().size();
            int perTrace = (g.count() + k - 1) / k;
            for (int i = 0; i < g.count(); i++, d++) {
                // the instance the costs hold, so the policies' device check is a reference
                // comparison rather than a deep equals every slot
                profiles[d] = c.device();
                costs[d] = c;
                BandwidthTrace trace = g.traces().get(i % k);
                double offset = (i / k) * trace.durationSeconds() / perTrace;
                traces[d] = trace;
                offsets[d] = offset;
                capacity[d] = capacities(trace, offset, spec.slots(), spec.slotSeconds());
                arrivals[d] = arrivals(g, spec.slots(), spec.slotSeconds(), spec.seed(), d);
            }
        }
    }

    private ModelCosts costsOf(SimulationSpec spec, DeviceGroup g) {
        ModelCosts c =
                byType.computeIfAbsent(
                        g.device().name(),
                        k -> ModelCosts.of(spec.model(), g.device(), spec.edge(), spec.wire()));
        if (!c.device().equals(g.device())) {
            throw new IllegalArgumentException(
                    "two different device profiles are both named '"
                            + g.device().name()
                            + "': give them different names");
        }
        return c;
    }

    List<String> costSources() {
        return byType.values().stream().map(ModelCosts::describeSources).toList();
    }

    /** A device profile by name (the names telemetry carries in per-frame mode). */
    DeviceProfile device(String name) {
        ModelCosts c = byType.get(name);
        if (c == null) {
            throw new IllegalArgumentException(
                    "unknown device profile '" + name + "': the simulation has " + byType.keySet());
        }
        return c.device();
    }

    private static double[] capacities(BandwidthTrace trace, double offset, int slots, double dt) {
        double[] c = new double[slots];
        for (int t = 0; t < slots; t++) {
            c[t] = trace.averageCapacity(offset + t * dt, dt);
        }
        return c;
    }

    private static int[] arrivals(DeviceGroup g, int slots, double dt, long seed, int device) {
        int[] a = new int[slots];
        if (g.arrivals() == ArrivalProcess.PERIODIC) {
            for (int t = 0; t < slots; t++) {
                a[t] =
                        (int)
                                (Math.floor((t + 1) * dt * g.fps() + 1e-9)
                                        - Math.floor(t * dt * g.fps() + 1e-9));
            }
            return a;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + device);
        double lambda = g.fps() * dt;
        for (int t = 0; t < slots; t++) {
            a[t] = poisson(rnd, lambda);
        }
        return a;
    }

    /** Knuth's method in chunks of mean ≤ 20 (exact; arrivals per slot are small). */
    static int poisson(SplittableRandom rnd, double lambda) {
        int total = 0;
        double left = lambda;
        while (left > 0) {
            double l = Math.min(left, 20);
            left -= l;
            double limit = Math.exp(-l);
            double p = rnd.nextDouble();
            int k = 0;
            while (p > limit) {
                k++;
                p *= rnd.nextDouble();
            }
            total += k;
        }
        return total;
    }
}
