package io.edgesplit.core.partition;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * How much the best general (min-)cut of a model improves on the best topological-prefix cut and on
 * Neurosurgeon's choice, under {@link DagCut}'s costs, per bandwidth and objective.
 *
 * <p>Neurosurgeon (Kang et al., ASPLOS 2017; {@code NeurosurgeonPolicy}) picks among the prefix
 * cuts: for latency the one with the least head + transfer + tail time (so the best prefix cut);
 * for energy the one with the least energy <em>above idle</em>, {@code (P_busy − P_idle)·head +
 * P_tx·transfer}, which is then charged as {@link DagCut.Objective#ENERGY} charges every cut
 * ({@code P_busy·head + P_tx·transfer}), so it can be worse than the best prefix cut.
 */
public final class CutComparison {

    /**
     * One bandwidth and objective.
     *
     * @param bitsPerSecond uplink bandwidth
     * @param objective what the costs measure (seconds or joules)
     * @param minCut the min-cut's cost
     * @param bestPrefix the best prefix cut's cost
     * @param neurosurgeon the cost of Neurosurgeon's choice
     */
    public record Row(
            double bitsPerSecond,
            DagCut.Objective objective,
            double minCut,
            double bestPrefix,
            double neurosurgeon) {

        /** Relative saving of the min-cut over the best prefix cut, in [0, 1]. */
        public double gainOverPrefix() {
            return bestPrefix > 0 ? 1 - minCut / bestPrefix : 0;
        }

        /** Relative saving of the min-cut over Neurosurgeon's choice, in [0, 1]. */
        public double gainOverNeurosurgeon() {
            return neurosurgeon > 0 ? 1 - minCut / neurosurgeon : 0;
        }
    }

    private CutComparison() {}

    /** One row per bandwidth and objective (bandwidths outer, objectives inner). */
    public static List<Row> compare(
            ModelGraph graph,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            double[] bitsPerSecond) {
        List<Partition> prefixes = new PrefixCuts().candidates(graph);
        List<BitSet> sides = prefixes.stream().map(CutComparison::deviceSide).toList();
        double idleW = device.gpu().idleW();
        List<Row> rows = new ArrayList<>();
        for (double bps : bitsPerSecond) {
            for (DagCut.Objective o : DagCut.Objective.values()) {
                double minCut = DagCut.solve(graph, device, clockHz, edge, bps, o).cost();
                double best = Double.POSITIVE_INFINITY;
                double neurosurgeonPick = Double.POSITIVE_INFINITY;
                double neurosurgeon = Double.POSITIVE_INFINITY;
                for (BitSet side : sides) {
                    double cost = DagCut.cost(graph, device, clockHz, edge, bps, o, side);
                    best = Math.min(best, cost);
                    double pick = cost;
                    if (o == DagCut.Objective.ENERGY) {
                        // Neurosurgeon counts the head's energy above idle
                        pick = cost - idleW * head(graph, device, clockHz, side);
                    }
                    if (pick < neurosurgeonPick) {
                        neurosurgeonPick = pick;
                        neurosurgeon = cost;
                    }
                }
                rows.add(new Row(bps, o, minCut, best, neurosurgeon));
            }
        }
        return rows;
    }

    private static double head(ModelGraph graph, DeviceProfile device, long clockHz, BitSet side) {
        long macs = 0;
        for (int v = side.nextSetBit(0); v >= 0; v = side.nextSetBit(v + 1)) {
            macs += graph.node(v).macs();
        }
        return macs / device.gpu().macsPerSecondAtMax() * device.gpu().slowdownAt(clockHz);
    }

    private static BitSet deviceSide(Partition p) {
        BitSet set = new BitSet();
        p.nodesOf(Partition.DEVICE).forEach(set::set);
        return set;
    }
}
