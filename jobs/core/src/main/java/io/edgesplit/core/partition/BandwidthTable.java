package io.edgesplit.core.partition;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precomputed bandwidth → min-cut table for one (model, device profile, clock, objective): the
 * bandwidths at which the optimal cut changes, found by solving {@link DagCut} on a log-spaced grid
 * over [{@code minBps}, {@code maxBps}] and bisecting every grid interval whose ends choose
 * different cuts down to a relative width of {@link #PRECISION}. A lookup is a binary search.
 *
 * <p>Limitation: a cut that is optimal only inside one grid interval whose ends choose the same cut
 * is missed; the grid has {@link #STEPS_PER_DECADE} points per decade.
 */
public final class BandwidthTable {

    /** Grid points per decade of bandwidth. */
    public static final int STEPS_PER_DECADE = 16;

    /** Relative width to which a breakpoint is bisected. */
    public static final double PRECISION = 1e-6;

    private final double[] fromBps;
    private final List<Partition> cuts;

    private BandwidthTable(double[] fromBps, List<Partition> cuts) {
        this.fromBps = fromBps;
        this.cuts = List.copyOf(cuts);
    }

    /** Builds the table; {@code 0 < minBps < maxBps}, both finite. */
    public static BandwidthTable build(
            ModelGraph graph,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            DagCut.Objective objective,
            double minBps,
            double maxBps) {
        if (!(minBps > 0) || !(maxBps > minBps) || Double.isInfinite(maxBps)) {
            throw new IllegalArgumentException(
                    "need 0 < minBps < maxBps, finite, got " + minBps + " and " + maxBps);
        }
        Solver solver =
                bps -> DagCut.solve(graph, device, clockHz, edge, bps, objective).partition();
        int steps = (int) Math.ceil(Math.log10(maxBps / minBps) * STEPS_PER_DECADE);
        List<Double> from = new ArrayList<>();
        List<Partition> cuts = new ArrayList<>();
        double lo = minBps;
        Partition loCut = solver.at(lo);
        from.add(minBps);
        cuts.add(loCut);
        for (int i = 1; i <= steps; i++) {
            double hi =
                    i == steps ? maxBps : minBps * Math.pow(maxBps / minBps, (double) i / steps);
            Partition hiCut = solver.at(hi);
            if (!hiCut.equals(loCut)) {
                bisect(solver, lo, loCut, hi, hiCut, from, cuts);
            }
            lo = hi;
            loCut = hiCut;
        }
        return new BandwidthTable(from.stream().mapToDouble(Double::doubleValue).toArray(), cuts);
    }

    /**
     * The table of {@code c}'s full graph, computed on its compressed graph (same optimal costs,
     * far fewer nodes); the cuts are expanded back to the full graph.
     */
    public static BandwidthTable build(
            CutCompression.Compressed c,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            DagCut.Objective objective,
            double minBps,
            double maxBps) {
        BandwidthTable small = build(c.graph(), device, clockHz, edge, objective, minBps, maxBps);
        return new BandwidthTable(small.fromBps, small.cuts.stream().map(c::expand).toList());
    }

    private interface Solver {
        Partition at(double bps);
    }

    private static void bisect(
            Solver solver,
            double lo,
            Partition loCut,
            double hi,
            Partition hiCut,
            List<Double> from,
            List<Partition> cuts) {
        while (hi / lo - 1 > PRECISION) {
            double mid = Math.sqrt(lo * hi);
            Partition midCut = solver.at(mid);
            if (midCut.equals(loCut)) {
                lo = mid;
            } else if (midCut.equals(hiCut)) {
                hi = mid;
            } else {
                bisect(solver, lo, loCut, mid, midCut, from, cuts);
                lo = mid;
                loCut = midCut;
            }
        }
        from.add(hi);
        cuts.add(hiCut);
    }

    /** The cut for {@code bps}: the entry with the largest start ≤ bps (the first below minBps). */
    public Partition lookup(double bps) {
        int i = Arrays.binarySearch(fromBps, bps);
        if (i < 0) {
            i = Math.max(0, -i - 2);
        }
        return cuts.get(i);
    }

    /** The bandwidths (bit/s, ascending) at which each entry starts. */
    public double[] breakpoints() {
        return fromBps.clone();
    }

    /** The cuts, one per breakpoint. */
    public List<Partition> cuts() {
        return cuts;
    }

    /** Number of entries. */
    public int size() {
        return fromBps.length;
    }
}
