package io.edgesplit.onnx.graph;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.partition.CutCompression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The general (non-prefix) cuts a DAG model needs besides its prefix cuts: the device sides that
 * minimise {@code λ·(head MACs) + (bytes sent)} for some λ > 0 ({@link CutCompression#optimalSets})
 * and that no prefix of the topological order has.
 *
 * <p>Why these are enough: every policy's per-frame cost of a cut, with head and tail times from
 * MACs, is {@code a·M(D) + c·B(D) + const} (c > 0), so its optimum over all predecessor-closed sets
 * is one of that family (or all-on-device when a ≤ 0). With the family among the candidates,
 * choosing the best candidate is an exact weighted min-cut over the whole graph. On chains and on
 * the zoo's models every set of the family is already a prefix: the list is then unchanged.
 */
final class GeneralCuts {

    private GeneralCuts() {}

    /**
     * {@code prefixCuts} with the general cuts inserted before the output cut (ordered by head
     * MACs), all re-indexed.
     */
    static List<Cut> add(List<Cut> prefixCuts, ModelGraph graph) {
        List<Cut> general = new ArrayList<>();
        for (BitSet set : CutCompression.optimalSets(graph)) {
            int count = set.cardinality();
            if (set.nextClearBit(0) >= count) {
                continue; // a prefix: the prefix cuts have it (or one with the same tensors)
            }
            Set<Integer> nodes = new HashSet<>();
            set.stream().forEach(nodes::add);
            Partition p = Partition.deviceEdge(graph, nodes);
            if (p.carriable()) {
                general.add(cut(p, nodes, count));
            }
        }
        if (general.isEmpty()) {
            return prefixCuts;
        }
        general.sort(Comparator.comparingLong(Cut::headMacs));
        List<Cut> all = new ArrayList<>(prefixCuts.subList(0, prefixCuts.size() - 1));
        all.addAll(general);
        all.add(prefixCuts.get(prefixCuts.size() - 1));
        List<Cut> indexed = new ArrayList<>(all.size());
        for (Cut c : all) {
            indexed.add(
                    new Cut(
                            indexed.size(),
                            c.position(),
                            c.label(),
                            c.tensors(),
                            c.headMacs(),
                            c.tailMacs(),
                            c.deviceNodes()));
        }
        return indexed;
    }

    private static Cut cut(Partition p, Set<Integer> nodes, int count) {
        List<TensorSpec> tensors = p.specs(p.outputsOf(0));
        String label =
                "dag cut: "
                        + count
                        + " nodes on the device, sends "
                        + String.join("+", tensors.stream().map(TensorSpec::name).toList());
        return new Cut(0, count, label, tensors, p.macs(0), p.macs(1), List.copyOf(nodes));
    }
}
