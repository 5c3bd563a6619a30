package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.RadioModel;
import java.util.function.IntPredicate;

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
    private final boolean controlsClock;
    private final boolean controlsRate;

    CutEdgePolicy(String name, ControllerConfig config, boolean fixedClock) {
        this(name, config, fixedClock, true, true);
    }

    /**
     * @param fixedClock keep the GPU at {@code fixed-clock-hz} (it may still idle)
     * @param controlsClock false: the GPU runs at its maximum clock, never idles by decision (the
     *     ablation's "no clock control")
     * @param controlsRate false: the uplink sends at the highest candidate rate ≤ R(t) (the
     *     ablation's "no rate control")
     */
    CutEdgePolicy(
            String name,
            ControllerConfig config,
            boolean fixedClock,
            boolean controlsClock,
            boolean controlsRate) {
        this.name = name;
        this.config = config;
        this.fixedClock = fixedClock;
        this.controlsClock = controlsClock;
        this.controlsRate = controlsRate;
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

    /** Whether the policy chooses the GPU clock (false: the maximum clock). */
    public boolean controlsClock() {
        return controlsClock;
    }

    /** Whether the policy chooses the uplink rate (false: the highest rate ≤ R(t)). */
    public boolean controlsRate() {
        return controlsRate;
    }

    @Override
    public ControlDecision decide(
            QueueState s, SlotInput in, DeviceProfile device, ModelCosts costs) {
        SlotModel.checkDevice(costs, device);
        final double v = config.v();
        final double dt = in.slotSeconds();
        boolean bounded = LatencyBound.active(config);
        ClockChoice clock = chooseClock(s, dt, costs);
        RateChoice rate = chooseRate(s, in, device.radio(), costs);
        double qc = s.computeBacklogS();
        double qn = s.uplinkBacklogBits();
        if (bounded
                && s.hasBacklog()
                && LatencyBound.clearSeconds(costs, clock.clock(), rate.rate(), qc, qn)
                        > s.clearWithinS()) {
            Service sv = boundedService(s, in, device.radio(), costs, s.clearWithinS(), clock);
            clock = sv.clock();
            rate = sv.rate();
        }
        double rc = Math.max(qc - SlotModel.speed(costs, clock.clock()) * dt, 0);
        double rn = Math.max(qn - rate.rate() * dt, 0);
        double next =
                !bounded
                        ? Double.POSITIVE_INFINITY
                        : rc > 0 || rn > 0
                                ? s.clearWithinS() - dt
                                : LatencyBound.freshBudget(config, costs);
        Admission admission = admit(s, in, device.radio(), costs, rc, rn, next);
        double objective =
                admission.admitted() * (admission.cut().term() - v * config.theta())
                        + clock.term()
                        + rate.term();
        ControlDecision d =
                SlotModel.decision(
                        name,
                        costs,
                        device,
                        s,
                        in,
                        config,
                        admission.admitted(),
                        admission.cut().cut(),
                        clock.clock(),
                        clock.runClock(),
                        rate.rate(),
                        objective);
        if (!bounded || !d.after().hasBacklog()) {
            return d;
        }
        return d.withAfter(d.after().withClearWithin(Math.max(next, 0)));
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

    /** A clock and a rate chosen together under the latency bound. */
    private record Service(ClockChoice clock, RateChoice rate) {}

    /** Frames admitted and their cut. */
    private record Admission(int admitted, CutChoice cut) {}

    /**
     * Admission and cut: all admittable frames at the cut with the smallest cut term if that term
     * is below V·θ. Under a latency bound only cuts whose backlog after admission ({@code rc} work
     * and {@code rn} bits left after this slot, plus the new frames) can be cleared by {@code
     * deadline} at the fastest clock and this slot's highest rate are candidates, and fewer frames
     * are admitted when all of them cannot be.
     */
    private Admission admit(
            QueueState s,
            SlotInput in,
            RadioModel radio,
            ModelCosts costs,
            double rc,
            double rn,
            double deadline) {
        double vTheta = config.v() * config.theta();
        CutChoice free = chooseCut(s, in, radio, costs, null);
        int admittable = SlotModel.admittable(in, config);
        if (Double.isInfinite(deadline)) {
            return new Admission(free.term() < vTheta ? admittable : 0, free);
        }
        int fastest = controlsClock && fixedClock ? fixedClockIndex(costs) : costs.maxClockIndex();
        double maxRate = SlotModel.maxRate(costs, in, config);
        for (int a = admittable; a > 0; a--) {
            final int frames = a;
            CutChoice c =
                    chooseCut(
                            s,
                            in,
                            radio,
                            costs,
                            p ->
                                    LatencyBound.admitSeconds(
                                                    costs, fastest, maxRate, rc, rn, frames, p)
                                            <= deadline);
            if (c != null && c.term() < vTheta) {
                return new Admission(a, c);
            }
        }
        return new Admission(0, free);
    }

    /**
     * The clock and rate with the smallest clock + rate term among those that clear the backlog
     * within the budget; when none can, the fastest pair (best effort: the frames will be late).
     */
    private Service boundedService(
            QueueState s,
            SlotInput in,
            RadioModel radio,
            ModelCosts costs,
            double budget,
            ClockChoice free) {
        final double dt = in.slotSeconds();
        final double v = config.v();
        final double rho = config.uplinkReferenceBps();
        double qc = s.computeBacklogS();
        double qn = s.uplinkBacklogBits();
        int rates = SlotModel.rateCount(costs, in.capacityBps(), config.rateLevels());
        int firstRate = controlsRate ? 0 : rates - 1;
        int bestF = 0;
        int bestK = -1;
        double bestJ = Double.POSITIVE_INFINITY;
        int fastF = 0;
        int fastK = -1;
        double fastestTime = Double.POSITIVE_INFINITY;
        for (int f : clockCandidates(costs)) {
            double ct = SlotModel.clockTerm(costs, f, s, v, dt);
            for (int k = firstRate; k < rates; k++) {
                double r = SlotModel.rate(costs, in.capacityBps(), config.rateLevels(), k);
                double j = ct + SlotModel.rateTerm(radio, r, s, v, dt, rho);
                double time = LatencyBound.clearSeconds(costs, f, r, qc, qn);
                if (time <= budget && j < bestJ) {
                    bestF = f;
                    bestK = k;
                    bestJ = j;
                }
                if (time < fastestTime || fastK < 0) {
                    fastF = f;
                    fastK = k;
                    fastestTime = time;
                }
            }
        }
        int f = bestK >= 0 ? bestF : fastF;
        double r =
                SlotModel.rate(
                        costs, in.capacityBps(), config.rateLevels(), bestK >= 0 ? bestK : fastK);
        return new Service(
                new ClockChoice(
                        f,
                        f == SlotModel.IDLE ? free.runClock() : f,
                        SlotModel.clockTerm(costs, f, s, v, dt)),
                new RateChoice(r, SlotModel.rateTerm(radio, r, s, v, dt, rho)));
    }

    /** The clocks this policy may choose from (with {@link SlotModel#IDLE} where allowed). */
    private int[] clockCandidates(ModelCosts costs) {
        if (!controlsClock) {
            return new int[] {costs.maxClockIndex()};
        }
        int idle = config.allowIdle() ? 1 : 0;
        if (fixedClock) {
            return idle == 1
                    ? new int[] {fixedClockIndex(costs), SlotModel.IDLE}
                    : new int[] {fixedClockIndex(costs)};
        }
        int[] out = new int[costs.clockCount() + idle];
        for (int f = 0; f < costs.clockCount(); f++) {
            out[f] = f;
        }
        if (idle == 1) {
            out[costs.clockCount()] = SlotModel.IDLE;
        }
        return out;
    }

    /**
     * Cut: lexicographic minimum of (cut term, tail, head work, bits, index) over the cuts {@code
     * allowed} accepts (all when null); null when it accepts none.
     */
    private CutChoice chooseCut(
            QueueState s, SlotInput in, RadioModel radio, ModelCosts costs, IntPredicate allowed) {
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
            if (allowed != null && !allowed.test(p)) {
                continue;
            }
            double term = SlotModel.cutTerm(costs, p, s, dt, rho, etaV, jpb);
            if (bestCut < 0 || lexLess(costs, term, p, bestTerm, bestCut)) {
                bestCut = p;
                bestTerm = term;
            }
        }
        return bestCut < 0 ? null : new CutChoice(bestCut, bestTerm);
    }

    /**
     * Clock: the best DVFS clock (ties by the slope at an empty queue), then idle if strictly
     * better.
     */
    private ClockChoice chooseClock(QueueState s, double dt, ModelCosts costs) {
        final double v = config.v();
        int runClock;
        double clockTerm;
        if (!controlsClock) {
            int max = costs.maxClockIndex();
            return new ClockChoice(max, max, SlotModel.clockTerm(costs, max, s, v, dt));
        }
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
        if (!controlsRate) {
            double max = SlotModel.rate(costs, cap, levels, rates - 1);
            return new RateChoice(max, SlotModel.rateTerm(radio, max, s, v, dt, rho));
        }
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
