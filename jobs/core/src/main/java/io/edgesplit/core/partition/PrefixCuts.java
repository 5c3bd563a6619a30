package io.edgesplit.core.partition;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.graph.Partitioner;
import java.util.ArrayList;
import java.util.List;

/**
 * Two-party cuts along the graph's topological order: the device runs the first p nodes, the edge
 * the rest, for p = 0 (all on the edge) to M (all on the device). These are the cuts edgesplit's
 * analysis has numbered since the start (the connector's {@code ModelAnalyzer}), in the same order:
 *
 * <ul>
 *   <li>a position whose boundary equals the previous candidate's is not a new candidate, except
 *       the last position (all on the device), which replaces a previous candidate with its
 *       boundary;
 *   <li>a position whose boundary holds a tensor that is not carriable is skipped; the first and
 *       the last position must be carriable.
 * </ul>
 *
 * The candidate's index in the list is the cut index used by profiles and decisions.
 */
public final class PrefixCuts implements Partitioner {

    @Override
    public List<Partition> candidates(ModelGraph graph) {
        int m = graph.nodeCount();
        List<Partition> cuts = new ArrayList<>();
        List<String> previous = null;
        for (int p = 0; p <= m; p++) {
            Partition cut = Partition.devicePrefix(graph, p);
            List<String> boundary = cut.boundary(0);
            boolean last = p == m;
            if (boundary.equals(previous) && !last) {
                continue;
            }
            if (!cut.carriable()) {
                if (p == 0 || last) {
                    throw new IllegalArgumentException(
                            "model "
                                    + graph.modelId()
                                    + ": the "
                                    + (p == 0 ? "input" : "output")
                                    + " has no static shape or an unsupported element type");
                }
                continue;
            }
            if (last && boundary.equals(previous)) {
                cuts.remove(cuts.size() - 1);
            }
            cuts.add(cut);
            previous = boundary;
        }
        return List.copyOf(cuts);
    }
}
