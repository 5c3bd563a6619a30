package io.edgesplit.core.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * Inter-layer partitioning: given an ordered list of stages (each a group of devices), the cuts
 * that minimise the pipeline's bottleneck (the largest stage time), by dynamic programming over
 * (stage, cut): {@code best[i][j] = min over j' < j of max(best[i-1][j'], time(i, j', j))}. Every
 * stage runs at least one cut-to-cut range. O(k·C²) stage-time look-ups for k stages and C cuts.
 */
public final class InterLayerDp {

    private InterLayerDp() {}

    /**
     * The best cuts for {@code stages}.
     *
     * @param period the bottleneck stage time (infinite when no assignment fits)
     * @param cuts the k + 1 cut indices, 0 first and the last cut last
     */
    public record Result(double period, int[] cuts) {}

    /** Solves for {@code stages} (device groups in pipeline order). */
    public static Result solve(CostModel cost, List<int[]> stages) {
        return solve(cost, stages, Double.POSITIVE_INFINITY);
    }

    /**
     * Solves for {@code stages}, or returns an infinite period when no assignment is faster than
     * {@code cap}: stage times whose {@link CostModel#lowerBound lower bound} cannot beat the cap
     * or the best found so far are never computed, which is what makes searching many placements
     * cheap.
     */
    public static Result solve(CostModel cost, List<int[]> stages, double cap) {
        int k = stages.size();
        int c = cost.model().cutCount();
        if (k == 0 || k > c - 1) {
            return new Result(Double.POSITIVE_INFINITY, new int[0]);
        }
        double[][] best = new double[k][c];
        int[][] parent = new int[k][c];
        int prev = cost.network().source();
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        double[] groupSpeed = new double[k];
        for (int i = 0; i < k; i++) {
            groupSpeed[i] = cost.speed(stages.get(i));
        }
        for (int j = 1; j < c; j++) {
            if (cost.lowerBound(stages.get(0), groupSpeed[0], prev, 0, j) < cap) {
                best[0][j] = cost.time(stages.get(0), prev, 0, j);
            }
        }
        for (int i = 1; i < k; i++) {
            prev = cost.leader(stages.get(i - 1));
            int[] group = stages.get(i);
            for (int j = i + 1; j < c; j++) {
                double bestHere = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int jp = i; jp < j; jp++) {
                    double before = best[i - 1][jp];
                    double bound = Math.min(bestHere, cap);
                    if (before >= bound
                            || cost.lowerBound(group, groupSpeed[i], prev, jp, j) >= bound) {
                        continue;
                    }
                    double v = Math.max(before, cost.time(group, prev, jp, j));
                    if (v < bestHere) {
                        bestHere = v;
                        arg = jp;
                    }
                }
                best[i][j] = bestHere;
                parent[i][j] = arg;
            }
        }
        double period = best[k - 1][c - 1];
        if (period >= cap || Double.isInfinite(period)) {
            return new Result(Double.POSITIVE_INFINITY, new int[0]);
        }
        int[] cuts = new int[k + 1];
        cuts[k] = c - 1;
        for (int i = k - 1; i > 0; i--) {
            cuts[i] = parent[i][cuts[i + 1]];
        }
        return new Result(period, cuts);
    }
}
