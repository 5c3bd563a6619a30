package io.edgesplit.core.partition;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIC-style compression of a {@link ModelGraph} for min-cut partitioning: nodes that the optimal
 * cuts never separate, whatever the bandwidth, device, clock or objective, are merged into one node
 * of a smaller graph, on which {@link DagCut} and {@link BandwidthTable} give the same optimal
 * cost.
 *
 * <p>Why it is exact. Under {@link DagCut}, a device side D costs {@code a·M(D) + c·B(D) + const},
 * where M(D) is the MACs of D, B(D) the bytes of the carriable tensors D sends, a = (device − edge
 * cost per MAC) and c > 0 the cost per byte (a tensor that cannot be carried is never sent). If a ≤
 * 0, putting every node on the device is optimal. Otherwise the optimum is that of {@code λ·M(D) +
 * B(D)} with λ = a/c ∈ (0, ∞): one parameter covers every bandwidth, device profile, clock and both
 * objectives. {@code min_D λ·M(D) + B(D)} is the lower envelope of one line per closed set, so
 * finitely many sets are optimal over all λ; they are found by the Eisner–Severance search (solve
 * where the lines of two optimal sets cross; a set strictly below both is new, recurse on each
 * side), with exact integer comparisons, starting from the sets optimal for λ ≤ 1/(2·(M_total + 1))
 * (least bytes, then least MACs: integer bytes outweigh all MACs) and λ ≥ B_total + 1 (least MACs,
 * then least bytes), plus the all-device set. The graph is cut into the atoms of that family (nodes
 * in exactly the same sets); each set is a union of atoms and closed in the merged graph, so for
 * every λ an optimal set of the full graph is a cut of the merged graph, and the merged graph has
 * no cut the full graph lacks: the optimum is preserved. A predecessor belongs to every set its
 * consumer does, so atoms ordered by decreasing number of sets are in topological order. As the
 * sets are minimal source sets of a parametric min-cut (Gallo, Grigoriadis and Tarjan) they are
 * nested, so there are at most one more groups than sets, and the family's cuts are the prefixes of
 * the group order.
 *
 * <p>Limits: the search trusts the floating-point max-flow at each λ (JGraphT; costs scaled as in
 * {@link MinCut}); ties may be resolved differently from the full graph (equal cost, other cut).
 */
public final class CutCompression {

    /**
     * A compressed graph and the way back to the full one.
     *
     * @param full the original graph
     * @param graph the compressed graph: one node per group, in topological order
     * @param groupOf for every node of {@code full}, its node in {@code graph}
     */
    public record Compressed(ModelGraph full, ModelGraph graph, int[] groupOf) {
        public Compressed {
            groupOf = groupOf.clone();
        }

        /** The partition of the full graph that puts on the device the groups {@code cut} does. */
        public Partition expand(Partition cut) {
            Set<Integer> device = new HashSet<>();
            for (int v = 0; v < groupOf.length; v++) {
                if (cut.partyOf(groupOf[v]) == 0) {
                    device.add(v);
                }
            }
            return Partition.deviceEdge(full, device);
        }

        /** The node index of every full node, for tests. */
        public int groupOf(int node) {
            return groupOf[node];
        }
    }

    private CutCompression() {}

    /** Compresses {@code graph}. */
    public static Compressed compress(ModelGraph graph) {
        Parametric p = new Parametric(graph);
        List<BitSet> family = p.optimalSets();
        return merge(graph, family);
    }

    /** The closed sets optimal for some λ (package-private for tests). */
    public static List<BitSet> optimalSets(ModelGraph graph) {
        return new Parametric(graph).optimalSets();
    }

    /** The graph cut into the atoms of {@code family} (every set must be predecessor-closed). */
    static Compressed merge(ModelGraph graph, List<BitSet> family) {
        int n = graph.nodeCount();
        Map<BitSet, List<Integer>> atoms = new LinkedHashMap<>();
        for (int v = 0; v < n; v++) {
            BitSet signature = new BitSet(family.size());
            for (int k = 0; k < family.size(); k++) {
                signature.set(k, family.get(k).get(v));
            }
            atoms.computeIfAbsent(signature, s -> new ArrayList<>()).add(v);
        }
        List<Map.Entry<BitSet, List<Integer>>> order = new ArrayList<>(atoms.entrySet());
        order.sort(
                Comparator.comparingInt(
                                (Map.Entry<BitSet, List<Integer>> e) -> -e.getKey().cardinality())
                        .thenComparingInt(e -> e.getValue().get(0)));
        int[] groupOf = new int[n];
        for (int g = 0; g < order.size(); g++) {
            for (int v : order.get(g).getValue()) {
                groupOf[v] = g;
            }
        }
        List<List<Integer>> groups = order.stream().map(Map.Entry::getValue).toList();
        return new Compressed(graph, quotient(graph, groups, groupOf), groupOf);
    }

    private static ModelGraph quotient(
            ModelGraph graph, List<List<Integer>> groups, int[] groupOf) {
        ModelGraph.Builder b = ModelGraph.builder(graph.modelId()).input(graph.input().name());
        String output = graph.output().name();
        Set<String> kept = new HashSet<>(Set.of(graph.input().name()));
        for (int g = 0; g < groups.size(); g++) {
            Set<String> reads = new LinkedHashSet<>();
            List<String> writes = new ArrayList<>();
            long macs = 0;
            for (int v : groups.get(g)) {
                ModelGraph.Node node = graph.node(v);
                macs += node.macs();
                for (String r : node.reads()) {
                    int producer = graph.tensor(r).orElseThrow().producer();
                    if (producer == ModelGraph.GRAPH_INPUT || groupOf[producer] != g) {
                        reads.add(r);
                    }
                }
                for (String w : node.writes()) {
                    ModelGraph.Tensor t = graph.tensor(w).orElseThrow();
                    final int group = g;
                    if (w.equals(output)
                            || t.consumers().stream().anyMatch(c -> groupOf[c] != group)) {
                        writes.add(w);
                    }
                }
            }
            kept.addAll(writes);
            b.node(
                    name(graph, groups.get(g)),
                    opType(graph, groups.get(g)),
                    macs,
                    List.copyOf(reads),
                    writes);
        }
        for (ModelGraph.Tensor t : graph.tensors()) {
            if (t.spec() != null && kept.contains(t.name())) {
                b.spec(t.spec());
            }
        }
        return b.output(output).build();
    }

    private static String name(ModelGraph graph, List<Integer> group) {
        String first = graph.node(group.get(0)).name();
        if (group.size() == 1) {
            return first;
        }
        return first
                + " .. "
                + graph.node(group.get(group.size() - 1)).name()
                + " ("
                + group.size()
                + " nodes)";
    }

    private static String opType(ModelGraph graph, List<Integer> group) {
        return group.size() == 1 ? graph.node(group.get(0)).opType() : "Group";
    }

    /** The parametric problem min over closed D of λ·M(D) + B(D), in exact integers. */
    private static final class Parametric {
        private final int n;
        private final long[] macs;
        private final List<ModelGraph.Tensor> tensors = new ArrayList<>();
        private final List<MinCut.Tensor> problem = new ArrayList<>();
        private final long totalMacs;
        private final long totalBytes;
        private final List<BitSet> found = new ArrayList<>();
        private final Set<BitSet> seen = new HashSet<>();

        Parametric(ModelGraph graph) {
            n = graph.nodeCount();
            macs = new long[n];
            long m = 0;
            for (int v = 0; v < n; v++) {
                macs[v] = graph.node(v).macs();
                m += macs[v];
            }
            long bytes = 0;
            for (ModelGraph.Tensor t : graph.tensors()) {
                if (!t.consumers().isEmpty()) {
                    tensors.add(t);
                    bytes += t.carriable() ? t.spec().bytes() : 0;
                }
            }
            for (ModelGraph.Tensor t : tensors) {
                int producer =
                        t.producer() == ModelGraph.GRAPH_INPUT ? MinCut.SOURCE : t.producer();
                double cost = t.carriable() ? t.spec().bytes() : Double.POSITIVE_INFINITY;
                int[] consumers = t.consumers().stream().mapToInt(Integer::intValue).toArray();
                problem.add(new MinCut.Tensor(producer, consumers, cost));
            }
            totalMacs = m;
            totalBytes = bytes;
        }

        List<BitSet> optimalSets() {
            BitSet all = new BitSet(n);
            all.set(0, n);
            add(all);
            BitSet low = solve(0.5 / (totalMacs + 1.0));
            BitSet high = solve(totalBytes + 1.0);
            add(low);
            add(high);
            search(low, high, 0);
            return List.copyOf(found);
        }

        private void add(BitSet set) {
            if (seen.add(set)) {
                found.add(set);
            }
        }

        /** Finds the optimal sets between {@code a} (more MACs) and {@code b} (fewer MACs). */
        private void search(BitSet a, BitSet b, int depth) {
            long ma = macs(a);
            long mb = macs(b);
            long ba = bytes(a);
            long bb = bytes(b);
            if (ma <= mb || ba >= bb || depth > 4 * n + 8) {
                return;
            }
            // the lines λ·ma + ba and λ·mb + bb cross at λ = (bb - ba) / (ma - mb)
            BigInteger num = BigInteger.valueOf(bb - ba);
            BigInteger den = BigInteger.valueOf(ma - mb);
            BitSet mid = solve((double) (bb - ba) / (ma - mb));
            BigInteger midValue =
                    num.multiply(BigInteger.valueOf(macs(mid)))
                            .add(den.multiply(BigInteger.valueOf(bytes(mid))));
            BigInteger crossValue =
                    num.multiply(BigInteger.valueOf(ma)).add(den.multiply(BigInteger.valueOf(ba)));
            if (midValue.compareTo(crossValue) < 0) {
                add(mid);
                search(a, mid, depth + 1);
                search(mid, b, depth + 1);
            }
        }

        private BitSet solve(double lambda) {
            double[] device = new double[n];
            for (int v = 0; v < n; v++) {
                device[v] = lambda * macs[v];
            }
            return MinCut.solve(n, device, new double[n], problem).device();
        }

        private long macs(BitSet set) {
            long m = 0;
            for (int v = set.nextSetBit(0); v >= 0; v = set.nextSetBit(v + 1)) {
                m += macs[v];
            }
            return m;
        }

        /** Bytes sent by {@code set}; a set that sends an uncarriable tensor never comes here. */
        private long bytes(BitSet set) {
            long b = 0;
            for (ModelGraph.Tensor t : tensors) {
                boolean sent = t.producer() == ModelGraph.GRAPH_INPUT || set.get(t.producer());
                if (sent && t.consumers().stream().anyMatch(c -> !set.get(c))) {
                    b += t.carriable() ? t.spec().bytes() : 0;
                }
            }
            return b;
        }
    }
}
