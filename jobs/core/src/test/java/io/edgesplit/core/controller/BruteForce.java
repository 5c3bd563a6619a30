package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.RadioModel;

/**
 * The reference for {@link CutEdgePolicy}: evaluates the full drift-plus-penalty objective J for
 * every (admission, cut, clock, rate) in the product, with no use of its separable structure, and
 * keeps the minimum. Used by the equivalence test and as the JMH baseline.
 */
public final class BruteForce {

    /** Decisions within this relative distance of the minimum count as ties. */
    public static final double TIE = 1e-9;

    private BruteForce() {}

    /**
     * The brute-force optimum and how many distinct decisions tie with it.
     *
     * @param decision the minimising decision (first found in a, p, f, r order)
     * @param ties number of distinct (a, p if a > 0, f, r) tuples within {@link #TIE} of it
     */
    public record Result(ControlDecision decision, int ties) {}

    /**
     * The brute-force decision only (one pass over the product, no tie analysis): the JMH baseline.
     */
    public static ControlDecision best(
            ControllerConfig cfg,
            boolean fixedClock,
            QueueState s,
            SlotInput in,
            DeviceProfile device,
            ModelCosts costs) {
        return search(cfg, fixedClock, s, in, device, costs, false).decision();
    }

    /** Like {@link CutEdgePolicy#decide}, by exhaustive enumeration, with the number of ties. */
    public static Result decide(
            ControllerConfig cfg,
            boolean fixedClock,
            QueueState s,
            SlotInput in,
            DeviceProfile device,
            ModelCosts costs) {
        return search(cfg, fixedClock, s, in, device, costs, true);
    }

    private static Result search(
            ControllerConfig cfg,
            boolean fixedClock,
            QueueState s,
            SlotInput in,
            DeviceProfile device,
            ModelCosts costs,
            boolean countTies) {
        double dt = in.slotSeconds();
        double rho = cfg.uplinkReferenceBps();
        double v = cfg.v();
        RadioModel radio = device.radio();
        int maxA = SlotModel.admittable(in, cfg);
        int[] clocks = clocks(cfg, fixedClock, costs);
        int rates = SlotModel.rateCount(costs, in.capacityBps(), cfg.rateLevels());
        double etaV = cfg.cutEnergyWeight() * v;
        double jpb = etaV > 0 ? SlotModel.joulesPerBit(costs, radio, in, cfg) : 0;
        double best = Double.POSITIVE_INFINITY;
        int bestA = 0;
        int bestP = 0;
        int bestF = 0;
        double bestR = 0;
        for (int a = 0; a <= maxA; a++) {
            for (int p = 0; p < costs.cutCount(); p++) {
                for (int f : clocks) {
                    for (int k = 0; k < rates; k++) {
                        double r = SlotModel.rate(costs, in.capacityBps(), cfg.rateLevels(), k);
                        double j = objective(costs, radio, s, cfg, dt, rho, etaV, jpb, a, p, f, r);
                        if (j < best) {
                            best = j;
                            bestA = a;
                            bestP = p;
                            bestF = f;
                            bestR = r;
                        }
                    }
                }
            }
        }
        double tol = TIE * Math.max(1, Math.abs(best));
        java.util.Set<String> near = new java.util.HashSet<>();
        for (int a = 0; countTies && a <= maxA; a++) {
            for (int p = 0; p < costs.cutCount(); p++) {
                for (int f : clocks) {
                    for (int k = 0; k < rates; k++) {
                        double r = SlotModel.rate(costs, in.capacityBps(), cfg.rateLevels(), k);
                        double j = objective(costs, radio, s, cfg, dt, rho, etaV, jpb, a, p, f, r);
                        if (j <= best + tol) {
                            near.add(a + "/" + (a > 0 ? p : -1) + "/" + f + "/" + r);
                        }
                    }
                }
            }
        }
        int resume = bestF;
        if (bestF == SlotModel.IDLE) {
            double bt = Double.POSITIVE_INFINITY;
            for (int f : clocks) {
                if (f != SlotModel.IDLE && SlotModel.clockTerm(costs, f, s, v, dt) < bt) {
                    bt = SlotModel.clockTerm(costs, f, s, v, dt);
                    resume = f;
                }
            }
        }
        ControlDecision d =
                SlotModel.decision(
                        "brute-force",
                        costs,
                        device,
                        s,
                        in,
                        cfg,
                        bestA,
                        bestP,
                        bestF,
                        resume,
                        bestR,
                        best);
        return new Result(d, countTies ? near.size() : -1);
    }

    private static double objective(
            ModelCosts costs,
            RadioModel radio,
            QueueState s,
            ControllerConfig cfg,
            double dt,
            double rho,
            double etaV,
            double jpb,
            int a,
            int p,
            int f,
            double r) {
        return a * (SlotModel.cutTerm(costs, p, s, dt, rho, etaV, jpb) - cfg.v() * cfg.theta())
                + SlotModel.clockTerm(costs, f, s, cfg.v(), dt)
                + SlotModel.rateTerm(radio, r, s, cfg.v(), dt, rho);
    }

    private static int[] clocks(ControllerConfig cfg, boolean fixedClock, ModelCosts costs) {
        int extra = cfg.allowIdle() ? 1 : 0;
        if (fixedClock) {
            int fixed =
                    cfg.fixedClockHz() == 0
                            ? costs.maxClockIndex()
                            : costs.nearestClockIndex(cfg.fixedClockHz());
            return extra == 1 ? new int[] {fixed, SlotModel.IDLE} : new int[] {fixed};
        }
        int[] c = new int[costs.clockCount() + extra];
        for (int f = 0; f < costs.clockCount(); f++) {
            c[f] = f;
        }
        if (extra == 1) {
            c[costs.clockCount()] = SlotModel.IDLE;
        }
        return c;
    }
}
