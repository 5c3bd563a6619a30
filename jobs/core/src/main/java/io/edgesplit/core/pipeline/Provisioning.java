package io.edgesplit.core.pipeline;

import java.util.Arrays;

/**
 * Partition count and cores per partition for one multi-core machine (after Al Maruf et al., JPDC
 * 2024, here for inference): the model is cut into m consecutive blocks whose time at every thread
 * count was measured; a plan groups the blocks into k consecutive partitions, gives partition i t_i
 * threads with Σ t_i ≤ the cores, and runs the partitions as a pipeline, so its period is the
 * slowest partition's time, that partition's blocks summed at its thread count.
 *
 * <p>Exact by dynamic programming over (blocks done, cores used): O(m²·c²) for m blocks and c
 * cores. Thread counts beyond those measured come from {@link #extrapolate} (Amdahl's law per
 * block, fitted to the measurements).
 */
public final class Provisioning {

    private Provisioning() {}

    /**
     * A provisioning plan.
     *
     * @param blockEnds k + 1 block indices: partition i runs blocks {@code [blockEnds[i],
     *     blockEnds[i+1])}
     * @param threads threads of each partition
     * @param stageS each partition's predicted time per frame
     * @param periodS the slowest partition's time: 1 / predicted throughput
     */
    public record Plan(int[] blockEnds, int[] threads, double[] stageS, double periodS) {

        /** Number of partitions. */
        public int partitions() {
            return threads.length;
        }

        /** Predicted frames per second. */
        public double predictedFps() {
            return 1 / periodS;
        }
    }

    /**
     * The best plan with at most {@code maxPartitions} partitions.
     *
     * @param blockS {@code blockS[b][t-1]}: seconds of block b at t threads, t = 1..cores
     */
    public static Plan plan(double[][] blockS, int cores, int maxPartitions) {
        return solve(blockS, cores, maxPartitions, false);
    }

    /**
     * The best plan with exactly {@code partitions} partitions (to compare with {@link #plan}).
     *
     * @throws IllegalArgumentException if there are fewer blocks or cores than partitions
     */
    public static Plan planExactly(double[][] blockS, int cores, int partitions) {
        if (partitions < 1 || partitions > blockS.length || partitions > cores) {
            throw new IllegalArgumentException(
                    partitions
                            + " partitions need at least as many blocks ("
                            + blockS.length
                            + ") and cores ("
                            + cores
                            + ")");
        }
        return solve(blockS, cores, partitions, true);
    }

    private static Plan solve(double[][] blockS, int cores, int maxPartitions, boolean exact) {
        int m = blockS.length;
        validate(blockS, cores);
        double[][][] prefix = prefixSums(blockS, cores);
        // best[p][j][c]: smallest period running blocks [0, j) as p partitions on c cores
        int kMax = Math.min(Math.min(maxPartitions, m), cores);
        double[][][] best = new double[kMax + 1][m + 1][cores + 1];
        int[][][] fromBlock = new int[kMax + 1][m + 1][cores + 1];
        int[][][] threadsOf = new int[kMax + 1][m + 1][cores + 1];
        for (double[][] a : best) {
            for (double[] row : a) {
                Arrays.fill(row, Double.POSITIVE_INFINITY);
            }
        }
        best[0][0][0] = 0;
        for (int p = 1; p <= kMax; p++) {
            for (int j = p; j <= m; j++) {
                for (int c = p; c <= cores; c++) {
                    for (int jp = p - 1; jp < j; jp++) {
                        for (int t = 1; t <= c - (p - 1); t++) {
                            double before = best[p - 1][jp][c - t];
                            double v = Math.max(before, prefix[t - 1][j][jp]);
                            if (v < best[p][j][c]) {
                                best[p][j][c] = v;
                                fromBlock[p][j][c] = jp;
                                threadsOf[p][j][c] = t;
                            }
                        }
                    }
                }
            }
        }
        int bestP = exact ? kMax : 1;
        int bestC = bestP;
        for (int p = exact ? kMax : 1; p <= kMax; p++) {
            for (int c = p; c <= cores; c++) {
                if (best[p][m][c] < best[bestP][m][bestC] * (1 - 1e-12)) {
                    bestP = p;
                    bestC = c;
                }
            }
        }
        return trace(blockS, prefix, fromBlock, threadsOf, bestP, m, bestC);
    }

    private static Plan trace(
            double[][] blockS,
            double[][][] prefix,
            int[][][] fromBlock,
            int[][][] threadsOf,
            int p,
            int m,
            int c) {
        int[] ends = new int[p + 1];
        int[] threads = new int[p];
        double[] stage = new double[p];
        ends[p] = m;
        int j = m;
        int cores = c;
        for (int i = p; i >= 1; i--) {
            int jp = fromBlock[i][j][cores];
            int t = threadsOf[i][j][cores];
            ends[i - 1] = jp;
            threads[i - 1] = t;
            stage[i - 1] = prefix[t - 1][j][jp];
            j = jp;
            cores -= t;
        }
        double period = Arrays.stream(stage).max().orElseThrow();
        return new Plan(ends, threads, stage, period);
    }

    /** {@code sums[t][j][i]}: seconds of blocks [i, j) at t + 1 threads. */
    private static double[][][] prefixSums(double[][] blockS, int cores) {
        int m = blockS.length;
        double[][][] sums = new double[cores][m + 1][m + 1];
        for (int t = 0; t < cores; t++) {
            for (int i = 0; i <= m; i++) {
                double s = 0;
                for (int j = i + 1; j <= m; j++) {
                    s += blockS[j - 1][t];
                    sums[t][j][i] = s;
                }
            }
        }
        return sums;
    }

    private static void validate(double[][] blockS, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("--cores must be >= 1, got " + cores);
        }
        if (blockS.length == 0) {
            throw new IllegalArgumentException("provisioning needs at least one block");
        }
        for (int b = 0; b < blockS.length; b++) {
            if (blockS[b].length < cores) {
                throw new IllegalArgumentException(
                        "block "
                                + b
                                + " has times for "
                                + blockS[b].length
                                + " thread counts, need "
                                + cores
                                + " (extrapolate first)");
            }
            for (double v : blockS[b]) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(
                            "block " + b + " has a time that is not a finite number > 0: " + v);
                }
            }
        }
    }

    /**
     * Times at 1..cores threads from times measured at 1..measured threads: measured values are
     * kept; beyond them each block follows Amdahl's law {@code s(t) = s(1)·(1 − f + f/t)}, with the
     * parallel fraction f fitted to the block's time at the most threads measured (f = 0 when only
     * one thread was measured or it did not speed up).
     */
    public static double[][] extrapolate(double[][] measured, int cores) {
        double[][] out = new double[measured.length][cores];
        for (int b = 0; b < measured.length; b++) {
            double[] s = measured[b];
            int n = s.length;
            double f = n < 2 ? 0 : (1 - s[n - 1] / s[0]) / (1 - 1.0 / n);
            f = Math.max(0, Math.min(1, f));
            for (int t = 1; t <= cores; t++) {
                out[b][t - 1] = t <= n ? s[t - 1] : s[0] * (1 - f + f / t);
            }
        }
        return out;
    }
}
