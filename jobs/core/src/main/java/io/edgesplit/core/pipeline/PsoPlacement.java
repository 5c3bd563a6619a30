package io.edgesplit.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Device placement by particle swarm optimisation (after Dai et al., IEEE TMC 2025), with a local
 * search that polishes the swarm's best. A particle is one real number per device in {@code [0,
 * n+1)}; its floor is the device's label (0 = unused, else the stage rank), so the swarm moves in a
 * continuous space while every position decodes to a placement. Fitness is the bottleneck time of
 * the placement's {@link InterLayerDp} cuts; placements already seen are not evaluated again.
 *
 * <p>The swarm starts from random particles plus five seeds (all devices in one stage, one stage
 * per device fastest first, and the greedy, best-single-device and inter-layer-only placements).
 * The local search moves one device (to another stage, a new stage or out), drops a stage or merges
 * two adjacent ones; among equally fast placements it prefers fewer devices. A fixed seed gives the
 * same plan every time.
 */
final class PsoPlacement {

    static final int PARTICLES = 24;
    static final int ITERATIONS = 60;
    private static final double INERTIA = 0.72;
    private static final double COGNITIVE = 1.49;
    private static final double SOCIAL = 1.49;

    private final CostModel cost;
    private final int n;
    private final SplittableRandom random;
    private final Map<String, Double> seen = new HashMap<>();

    /** Placements slower than this are not worth an exact period (see {@link #SWARM_SLACK}). */
    private double cap = Double.POSITIVE_INFINITY;

    /**
     * The swarm evaluates placements up to this factor slower than the best so far exactly, so
     * personal bests stay informative; the local search only needs to know what beats the best.
     */
    private static final double SWARM_SLACK = 1.5;

    PsoPlacement(CostModel cost, long seed) {
        this.cost = cost;
        this.n = cost.network().size();
        this.random = new SplittableRandom(seed);
    }

    /** The best placement found, as labels. */
    int[] search() {
        List<double[]> x = initial();
        int p = x.size();
        double[][] v = new double[p][n];
        double[][] personal = new double[p][];
        double[] personalFit = new double[p];
        double[] global = null;
        double globalFit = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p; i++) {
            for (int d = 0; d < n; d++) {
                v[i][d] = (random.nextDouble() - 0.5) * n / 2;
            }
            personal[i] = x.get(i).clone();
            personalFit[i] = fitness(x.get(i));
            if (personalFit[i] < globalFit) {
                globalFit = personalFit[i];
                global = personal[i].clone();
                cap = globalFit * SWARM_SLACK;
            }
        }
        double vmax = (n + 1) / 2.0;
        for (int it = 0; it < ITERATIONS; it++) {
            for (int i = 0; i < p; i++) {
                double[] xi = x.get(i);
                for (int d = 0; d < n; d++) {
                    v[i][d] =
                            clamp(
                                    INERTIA * v[i][d]
                                            + COGNITIVE
                                                    * random.nextDouble()
                                                    * (personal[i][d] - xi[d])
                                            + SOCIAL * random.nextDouble() * (global[d] - xi[d]),
                                    -vmax,
                                    vmax);
                    xi[d] = clamp(xi[d] + v[i][d], 0, n + 1 - 1e-9);
                }
                double f = fitness(xi);
                if (f < personalFit[i]) {
                    personalFit[i] = f;
                    personal[i] = xi.clone();
                    if (f < globalFit) {
                        globalFit = f;
                        global = xi.clone();
                        cap = globalFit * SWARM_SLACK;
                    }
                }
            }
        }
        return polish(decode(global), globalFit);
    }

    private List<double[]> initial() {
        List<double[]> x = new ArrayList<>();
        double[] oneStage = new double[n];
        java.util.Arrays.fill(oneStage, 1.5);
        x.add(oneStage);
        int[] order = Planner.bySpeed(cost);
        double[] chain = new double[n];
        for (int r = 0; r < n; r++) {
            chain[order[r]] = r + 1.5;
        }
        x.add(chain);
        int[] greedy = Planner.greedy(cost);
        double[] g = new double[n];
        for (int d = 0; d < n; d++) {
            g[d] = greedy[d] + 0.5;
        }
        x.add(g);
        for (int[] seed : List.of(Planner.single(cost), Planner.interOnly(cost))) {
            double[] y = new double[n];
            for (int d = 0; d < n; d++) {
                y[d] = seed[d] + 0.5;
            }
            x.add(y);
        }
        while (x.size() < PARTICLES) {
            double[] r = new double[n];
            for (int d = 0; d < n; d++) {
                r[d] = random.nextDouble() * (n + 1);
            }
            x.add(r);
        }
        return x;
    }

    private int[] decode(double[] position) {
        int[] labels = new int[n];
        for (int d = 0; d < n; d++) {
            labels[d] = (int) Math.floor(position[d]);
        }
        return labels;
    }

    private double fitness(double[] position) {
        return fitness(decode(position));
    }

    private double fitness(int[] labels) {
        String key = Placement.key(labels);
        Double known = seen.get(key);
        if (known == null) {
            known = Planner.evaluate(cost, labels, cap);
            seen.put(key, known);
        }
        return known;
    }

    /**
     * Local search: move one device to another stage, out of the pipeline, or into a new stage at
     * any position, taking the best improving move until none improves.
     */
    private int[] polish(int[] start, double startFit) {
        int[] best = Placement.labels(Placement.groups(start), n);
        double bestFit = startFit;
        cap = startFit * (1 + 1e-9);
        boolean improved = true;
        while (improved) {
            improved = false;
            int[] roundBest = null;
            double roundFit = bestFit;
            int roundUsed = used(best);
            for (int[] candidate : neighbours(best)) {
                double f = fitness(candidate);
                int u = used(candidate);
                if (f < roundFit || f == roundFit && u < roundUsed) {
                    roundFit = f;
                    roundUsed = u;
                    roundBest = candidate;
                }
            }
            if (roundBest != null) {
                best = Placement.labels(Placement.groups(roundBest), n);
                bestFit = roundFit;
                cap = bestFit * (1 + 1e-9);
                improved = true;
            }
        }
        return best;
    }

    private static int used(int[] labels) {
        int u = 0;
        for (int l : labels) {
            u += l > 0 ? 1 : 0;
        }
        return u;
    }

    /**
     * Labels are 1..k here and are doubled, so existing stages sit at even labels and a new stage
     * can take any odd label between them.
     */
    private List<int[]> neighbours(int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l);
        }
        List<int[]> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            for (int target = -1; target <= 2 * k + 1; target++) {
                if (target == 0 || target == 2 * labels[d]) {
                    continue;
                }
                int[] c = doubled(labels);
                c[d] = Math.max(target, 0);
                out.add(c);
            }
        }
        for (int stage = 1; stage <= k; stage++) {
            int[] dropped = doubled(labels);
            int[] merged = doubled(labels);
            for (int d = 0; d < n; d++) {
                if (labels[d] == stage) {
                    dropped[d] = 0;
                    merged[d] = 2 * stage + 2;
                }
            }
            out.add(dropped);
            if (stage < k) {
                out.add(merged);
            }
        }
        return out;
    }

    private static int[] doubled(int[] labels) {
        int[] c = new int[labels.length];
        for (int e = 0; e < labels.length; e++) {
            c[e] = 2 * labels[e];
        }
        return c;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
