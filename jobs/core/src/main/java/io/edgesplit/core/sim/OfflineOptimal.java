package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.RadioModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code offline-optimal} reference: a lower bound on the device energy of any policy that
 * completes the same frames within the latency bound D, computed from the whole trace in advance.
 * An exact optimum (a DP over the continuous backlogs of every device and slot) is intractable;
 * this bound is not a schedule, so it has no latencies or backlogs.
 *
 * <p>The argument, in the simulator's energy model. (1) Compute: every slot costs {@code P(f)·busy
 * + P_idle·(Δ − busy) = P_idle·Δ + (P(f) − P_idle)·busy}, and busy time at clock f serves μc(f)
 * work-seconds, so the energy above the idle floor of serving w seconds of work, at any mix of
 * clocks, is at least {@code e_c*·w} with {@code e_c* = min_f (P(f) − P_idle)/μc(f)}. (2) Radio:
 * sending s bits at rate r costs {@code P_tx(r)·s/r}, so a frame's bits cost at least {@code s ×
 * min P_tx(r)/r} over the candidate rates of the slots in which they can be sent, those that
 * overlap [capture, capture + D]. (3) A frame meets D only at a cut whose isolated latency, head at
 * the maximum clock plus bits at the highest capacity of those slots plus tail, is at most D. So
 * each frame costs at least {@code e_i = min over those cuts of e_c*·w_p + s_p·min P_tx(r)/r}, and
 * any schedule that completes the frames F within D uses at least {@code P_idle·T·n + Σ_{i∈F} e_i}.
 * Queueing, slot batching and clock switching only add. Frames that no cut lets meet D are not
 * admitted (no policy can complete them in time); all others are, up to {@code max-admitted} per
 * slot.
 */
final class OfflineOptimal {

    private OfflineOptimal() {}

    /**
     * The bound over the spec's measurement window, as a run summary of {@code offline-optimal}.
     */
    static RunSummary bound(SimulationSpec spec, SimulationSetup setup) {
        ControllerConfig cfg = spec.controller();
        double dt = spec.slotSeconds();
        int warmup = spec.warmupSlots();
        double window = (spec.slots() - warmup) * dt;
        Totals tot = new Totals(spec.model().cuts().size());
        double maxPower = 0;
        for (int d = 0; d < setup.n; d++) {
            double before = tot.computeJ + tot.radioJ;
            device(spec, setup, d, tot);
            double idle = setup.costs[d].idleW() * window;
            tot.idleFloorJ += idle;
            tot.computeJ += idle;
            maxPower = Math.max(maxPower, (tot.computeJ + tot.radioJ - before) / window);
        }
        double energy = tot.computeJ + tot.radioJ;
        List<Double> shares = new ArrayList<>();
        for (long c : tot.cutCounts) {
            shares.add(tot.admitted == 0 ? 0.0 : (double) c / tot.admitted);
        }
        double nan = Double.NaN;
        long done = tot.admitted;
        return new RunSummary(
                Policies.OFFLINE_OPTIMAL,
                nan,
                setup.n,
                window,
                tot.arrived,
                done,
                tot.arrived - done,
                done,
                0,
                done / window,
                nan,
                nan,
                nan,
                nan,
                tot.computeJ,
                tot.radioJ,
                tot.idleFloorJ,
                done == 0 ? nan : energy / done,
                done == 0 ? nan : (energy - tot.idleFloorJ) / done,
                energy / window / setup.n,
                maxPower,
                nan,
                nan,
                nan,
                0,
                0,
                false,
                nan,
                shares,
                cfg.latencyBoundS(),
                0);
    }

    /** Running sums over devices. */
    private static final class Totals {
        long arrived;
        long admitted;
        double computeJ;
        double radioJ;
        double idleFloorJ;
        final long[] cutCounts;

        Totals(int cuts) {
            cutCounts = new long[cuts];
        }
    }

    /** Device d's frames of the window, each at its cheapest cut that can meet D. */
    private static void device(SimulationSpec spec, SimulationSetup setup, int d, Totals tot) {
        ControllerConfig cfg = spec.controller();
        ModelCosts c = setup.costs[d];
        RadioModel radio = setup.profiles[d].radio();
        double dt = spec.slotSeconds();
        int slots = spec.slots();
        double bound = cfg.latencyBoundS();
        double[] cap = setup.capacity[d];
        double[] maxRate = new double[slots];
        double[] joulesPerBit = new double[slots];
        for (int t = 0; t < slots; t++) {
            rates(c, radio, cap[t], cfg.rateLevels(), maxRate, joulesPerBit, t);
        }
        double[] suffixRate = suffix(maxRate, true);
        double[] suffixJpb = suffix(joulesPerBit, false);
        for (int t = spec.warmupSlots(); t < slots; t++) {
            int a = setup.arrivals[d][t];
            tot.arrived += a;
            int admittable = Math.min(a, cfg.maxAdmitted());
            for (int k = 0; k < admittable; k++) {
                double capture = t * dt + (k + 0.5) * dt / a;
                double rate;
                double jpb;
                if (Double.isInfinite(bound)) {
                    rate = suffixRate[t];
                    jpb = suffixJpb[t];
                } else {
                    int last = Math.min(slots - 1, (int) Math.floor((capture + bound) / dt));
                    rate = 0;
                    jpb = Double.POSITIVE_INFINITY;
                    for (int u = t; u <= last; u++) {
                        rate = Math.max(rate, maxRate[u]);
                        jpb = Math.min(jpb, joulesPerBit[u]);
                    }
                }
                frame(c, bound, rate, jpb, tot);
            }
        }
    }

    /** One frame: the cheapest cut whose isolated latency meets the bound, if any. */
    private static void frame(ModelCosts c, double bound, double rate, double jpb, Totals tot) {
        int best = -1;
        double bestJ = Double.POSITIVE_INFINITY;
        for (int p = 0; p < c.cutCount(); p++) {
            double bits = c.bits(p);
            double send = bits == 0 ? 0 : rate > 0 ? bits / rate : Double.POSITIVE_INFINITY;
            if (c.headSecondsAtMax(p) + send + c.tailSeconds(p) > bound) {
                continue;
            }
            double e =
                    c.joulesPerWorkSecond() * c.headSecondsAtMax(p) + (bits == 0 ? 0 : bits * jpb);
            if (e < bestJ) {
                best = p;
                bestJ = e;
            }
        }
        if (best < 0) {
            return;
        }
        tot.admitted++;
        tot.cutCounts[best]++;
        tot.computeJ += c.joulesPerWorkSecond() * c.headSecondsAtMax(best);
        tot.radioJ += bestJ - c.joulesPerWorkSecond() * c.headSecondsAtMax(best);
    }

    /** Slot t's highest candidate rate and least radio energy per bit over the candidate rates. */
    private static void rates(
            ModelCosts c,
            RadioModel radio,
            double cap,
            int levels,
            double[] maxRate,
            double[] joulesPerBit,
            int t) {
        double best = Double.POSITIVE_INFINITY;
        double max = 0;
        int g = c.rateGridSize();
        int n = g == 0 ? (cap > 0 ? levels : 0) : g;
        for (int k = 1; k <= n; k++) {
            double r = g == 0 ? cap * k / levels : c.rateGridBps(k - 1);
            if (r <= 0 || r > cap) {
                continue;
            }
            max = Math.max(max, r);
            best = Math.min(best, radio.txPowerW(r) / r);
        }
        maxRate[t] = max;
        joulesPerBit[t] = best;
    }

    /** Suffix maxima (or minima) of {@code a}. */
    private static double[] suffix(double[] a, boolean max) {
        double[] s = new double[a.length];
        double acc = max ? 0 : Double.POSITIVE_INFINITY;
        for (int i = a.length - 1; i >= 0; i--) {
            acc = max ? Math.max(acc, a[i]) : Math.min(acc, a[i]);
            s[i] = acc;
        }
        return s;
    }
}
