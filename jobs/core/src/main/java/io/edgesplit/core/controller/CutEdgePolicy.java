package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.RadioModel;

/**
 * CutEdge-style Lyapunov control (brief §5): each slot minimises the drift-plus-penalty bound
 *
 * <pre>
 * J = a·(Qc·w_p/Δ² + Qn·s_p/(ρΔ)² − V·θ)
 *   + (V + Y/Δ)·E_c(f) − (Qc + Zc)·μc(f)/Δ
 *   + (V + Y/Δ)·E_n(r) − (Qn + Zn)·r/(ρ²Δ)
 * </pre>
 *
 * (plus, when {@code cutEnergyWeight} η > 0, {@code a·η·V·ê_p} with ê_p the frame's predicted
 * energy, see {@link ControllerConfig#cutEnergyWeight()}) over admission a ∈ 0..A, cut p, clock f
 * (or, with {@code allowIdle}, "GPU idle this slot": μc = 0, power P_idle, reported as clock 0) and
 * rate r. The energies of the slot are spent on the backlog already queued, so J is a sum of a
 * cut/admission term, a clock term and a rate term and is minimised term by term: the cut
 * minimising the cut term (ties by tail time, head work, bits, index), then admit all A frames if
 * that term is below V·θ, else none (J is linear in a); the clock minimising the clock term; the
 * rate minimising the rate term. That is O(P + F + K) instead of O(A·P·F·K), allocation-free apart
 * from the returned records, and equal to brute force over the full product ({@code
 * CutEdgePolicyTest}).
 *
 * <p>Why the idle option: {@code E_c} charges idle power only for the part of a slot the backlog
 * does not fill, so once the backlog exceeds one slot of service every clock keeps the GPU busy the
 * whole slot and the cheapest-per-slot (lowest) clock looks best, although a middle clock that
 * finishes early and then idles costs less per unit of work. Letting the controller idle a slot
 * makes "run at the efficient clock, then idle" reachable by time-sharing, so the time-average
 * energy approaches the best stationary policy as V grows (the O(1/V) property the simulator tests
 * check). With {@code allowIdle = false} the decision set is exactly the brief's.
 *
 * <p>The {@code cutedge-fixed-clock} variant keeps the GPU at one clock (default the maximum; it
 * may still idle) to isolate the DVFS gain.
 */
public final class CutEdgePolicy implements Policy {

    private final String name;
    private final ControllerConfig config;
    private final boolean fixedClock;

    CutEdgePolicy(String name, ControllerConfig config, boolean fixedClock) {
        this.name = name;
        this.config = config;
        this.fixedClock = fixedClock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ControllerConfig config() {
        return config;
    }

    /** Whether this is the fixed-clock variant. */
    public boolean fixedClock() {
        return fixedClock;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        final double v = config.v();
        CutChoice cut = chooseCut(s, in, device.radio(), costs);
        int admittable = SlotModel.admittable(in, config);
        double admissionTerm = cut.term() - v * config.theta();
        int admitted = admittable > 0 && admissionTerm < 0 ? admittable : 0;
        ClockChoice clock = chooseClock(s, in.slotSeconds(), costs);
        RateChoice rate = chooseRate(s, in, device.radio(), costs);
        double objective = admitted * admissionTerm + clock.term() + rate.term();
        return SlotModel.decision(
                name,
                costs,
                device,
                s,
                in,
                config,
                admitted,
                cut.cut(),
                clock.clock(),
                clock.runClock(),
                rate.rate(),
                objective);
    }

    /** The best cut and its term. */
    private record CutChoice(int cut, double term) {}

    /**
     * The clock decided (possibly {@link SlotModel#IDLE}), the best DVFS clock, and the decided
     * clock's term.
     */
    private record ClockChoice(int clock, int runClock, double term) {}

    /** The uplink rate and its term. */
    private record RateChoice(double rate, double term) {}

    /** Cut: lexicographic minimum of (cut term, tail, head work, bits, index). */
    private CutChoice chooseCut(QueueState s, SlotInput in, RadioModel radio, ModelCosts costs) {
        final double dt = in.slotSeconds();
        final double rho = config.uplinkReferenceBps();
        double etaV = config.cutEnergyWeight() * config.v();
        double jpb = etaV > 0 ? SlotModel.joulesPerBit(costs, radio, in, config) : 0;
        boolean prune = config.pruneDominatedCuts();
        int n = prune ? costs.paretoCount() : costs.cutCount();
        int bestCut = -1;
        double bestTerm = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int p = prune ? costs.paretoCut(i) : i;
            double term = SlotModel.cutTerm(costs, p, s, dt, rho, etaV, jpb);
            if (bestCut < 0 || lexLess(costs, term, p, bestTerm, bestCut)) {
                bestCut = p;
                bestTerm = term;
            }
        }
        return new CutChoice(bestCut, bestTerm);
    }

    /**
     * Clock: the best DVFS clock (ties by the slope at an empty queue), then idle if strictly
     * better.
     */
    private ClockChoice chooseClock(QueueState s, double dt, ModelCosts costs) {
        final double v = config.v();
        int runClock;
        double clockTerm;
        if (fixedClock) {
            runClock = fixedClockIndex(costs);
            clockTerm = SlotModel.clockTerm(costs, runClock, s, v, dt);
        } else {
            runClock = 0;
            clockTerm = SlotModel.clockTerm(costs, 0, s, v, dt);
            double bestSlope = Double.NaN;
            for (int f = 1; f < costs.clockCount(); f++) {
                double term = SlotModel.clockTerm(costs, f, s, v, dt);
                if (term < clockTerm) {
                    runClock = f;
                    clockTerm = term;
                    bestSlope = Double.NaN;
                } else if (term == clockTerm) {
                    if (Double.isNaN(bestSlope)) {
                        bestSlope = SlotModel.clockSlope(costs, runClock, s, v, dt);
                    }
                    double slope = SlotModel.clockSlope(costs, f, s, v, dt);
                    if (slope < bestSlope) {
                        runClock = f;
                        bestSlope = slope;
                    }
                }
            }
        }
        int bestClock = runClock;
        if (config.allowIdle()) {
            double idleTerm = SlotModel.clockTerm(costs, SlotModel.IDLE, s, v, dt);
            if (idleTerm < clockTerm) {
                bestClock = SlotModel.IDLE;
                clockTerm = idleTerm;
            }
        }
        return new ClockChoice(bestClock, runClock, clockTerm);
    }

    /** Rate: the best level of the rate grid (ties by the slope). */
    private RateChoice chooseRate(QueueState s, SlotInput in, RadioModel radio, ModelCosts costs) {
        final double dt = in.slotSeconds();
        final double rho = config.uplinkReferenceBps();
        final double v = config.v();
        int levels = config.rateLevels();
        double cap = in.capacityBps();
        int rates = SlotModel.rateCount(costs, cap, levels);
        double bestRate = 0;
        double rateTerm = SlotModel.rateTerm(radio, 0, s, v, dt, rho);
        double bestRateSlope = Double.POSITIVE_INFINITY;
        for (int k = 1; k < rates; k++) {
            double r = SlotModel.rate(costs, cap, levels, k);
            double term = SlotModel.rateTerm(radio, r, s, v, dt, rho);
            if (term < rateTerm) {
                bestRate = r;
                rateTerm = term;
                bestRateSlope = Double.NaN;
            } else if (term == rateTerm) {
                if (Double.isNaN(bestRateSlope)) {
                    bestRateSlope = SlotModel.rateSlope(radio, bestRate, s, v, dt, rho);
                }
                double slope = SlotModel.rateSlope(radio, r, s, v, dt, rho);
                if (slope < bestRateSlope) {
                    bestRate = r;
                    bestRateSlope = slope;
                }
            }
        }
        return new RateChoice(bestRate, rateTerm);
    }

    private int fixedClockIndex(ModelCosts costs) {
        long hz = config.fixedClockHz();
        return hz == 0 ? costs.maxClockIndex() : costs.nearestClockIndex(hz);
    }

    private static boolean lexLess(ModelCosts c, double term, int p, double bestTerm, int best) {
        if (term != bestTerm) {
            return term < bestTerm;
        }
        if (c.tailSeconds(p) != c.tailSeconds(best)) {
            return c.tailSeconds(p) < c.tailSeconds(best);
        }
        if (c.headSecondsAtMax(p) != c.headSecondsAtMax(best)) {
            return c.headSecondsAtMax(p) < c.headSecondsAtMax(best);
        }
        if (c.bits(p) != c.bits(best)) {
            return c.bits(p) < c.bits(best);
        }
        return p < best;
    }
}
