package io.edgesplit.core.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The bandwidth → cut table for one frame's latency (CIC's lookup): with x = 1/r the latency of cut
 * p is the line {@code (w_p + g_p) + s_p·x}, so the fastest cut as a function of x is the lower
 * envelope of those lines, piecewise constant between breakpoints. Built once per {@link
 * ModelCosts} in O(C·k) (C candidate cuts, k pieces); a decision is a binary search.
 *
 * <p>Ties, as the enumeration breaks them: at a breakpoint the cut with fewer bits wins, lines with
 * equal cost everywhere go to the lower index.
 */
public final class LatencyEnvelope {

    private final double[] fromX;
    private final int[] cut;

    private LatencyEnvelope(double[] fromX, int[] cut) {
        this.fromX = fromX;
        this.cut = cut;
    }

    /**
     * The envelope over the candidate cuts {@code candidates} (indices into the arrays).
     *
     * @param intercept per cut, its latency at infinite bandwidth (head + tail seconds)
     * @param slope per cut, its bits (latency per unit of 1/r)
     */
    static LatencyEnvelope of(double[] intercept, double[] slope, int[] candidates) {
        int current = -1;
        for (int p : candidates) {
            if (current < 0
                    || intercept[p] < intercept[current]
                    || (intercept[p] == intercept[current] && slope[p] < slope[current])) {
                current = p;
            }
        }
        List<Double> from = new ArrayList<>(List.of(0.0));
        List<Integer> cuts = new ArrayList<>(List.of(current));
        double x = 0;
        while (true) {
            int next = -1;
            double at = Double.POSITIVE_INFINITY;
            for (int q : candidates) {
                if (slope[q] >= slope[current]) {
                    continue;
                }
                double cross =
                        Math.max(
                                x,
                                (intercept[q] - intercept[current]) / (slope[current] - slope[q]));
                if (cross < at || (cross == at && next >= 0 && slope[q] < slope[next])) {
                    next = q;
                    at = cross;
                }
            }
            if (next < 0 || Double.isInfinite(at)) {
                break;
            }
            current = next;
            x = at;
            if (at == from.get(from.size() - 1)) {
                cuts.set(cuts.size() - 1, current);
            } else {
                from.add(at);
                cuts.add(current);
            }
        }
        return new LatencyEnvelope(
                from.stream().mapToDouble(Double::doubleValue).toArray(),
                cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The fastest cut at uplink rate {@code bitsPerSecond} ({@code > 0}). */
    public int cutAt(double bitsPerSecond) {
        double x = 1 / bitsPerSecond;
        int lo = 0;
        int hi = fromX.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fromX[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return cut[lo];
    }

    /** Number of pieces (distinct cuts along the bandwidth axis). */
    public int pieces() {
        return cut.length;
    }

    /** The rate (bit/s) below which piece {@code i} is chosen; infinite for the first piece. */
    public double upToRateBps(int i) {
        return fromX[i] == 0 ? Double.POSITIVE_INFINITY : 1 / fromX[i];
    }

    /** The cut of piece {@code i}, piece 0 at the highest rates. */
    public int cut(int i) {
        return cut[i];
    }
}
