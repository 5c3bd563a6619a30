package io.edgesplit.core.pipeline;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.partition.PrefixCuts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the pipeline planner sees it: the nodes of a {@link ModelGraph} in topological order
 * with their {@link LayerFacts}, and the positions where a stage may end (the {@link PrefixCuts}
 * candidates, cut index = position in {@link #cuts()}). A stage runs the nodes between two cuts.
 *
 * <p>Everything the cost model asks for often is precomputed: MACs and weight bytes of any node
 * range, the bytes live at every position, and the largest activation of every cut-to-cut range.
 */
public final class PipelineModel {

    private final ModelGraph graph;
    private final List<LayerFacts> facts;
    private final int nodes;
    private final int[] cuts;
    private final long[] prefixMacs;
    private final long[] prefixWeights;
    private final long[] liveBytes;
    private final int[][] live;
    private final long[] height;
    private final long[] tensorBytes;
    private final int[][] reads;
    private final int[][] writes;
    private final long[] nodeActivation;
    private final int[] firstWhole;
    private final long[][] activationBetweenCuts;

    private PipelineModel(ModelGraph graph, List<LayerFacts> facts) {
        this.graph = graph;
        this.facts = List.copyOf(facts);
        this.nodes = graph.nodeCount();
        List<ModelGraph.Tensor> tensors = graph.tensors();
        Map<String, Integer> index = new HashMap<>();
        height = new long[tensors.size()];
        tensorBytes = new long[tensors.size()];
        for (int t = 0; t < tensors.size(); t++) {
            index.put(tensors.get(t).name(), t);
            TensorSpec s = tensors.get(t).spec();
            tensorBytes[t] = s == null ? 0 : s.bytes();
            height[t] = s != null && s.shape().length == 4 ? s.shape()[2] : -1;
        }
        reads = new int[nodes][];
        writes = new int[nodes][];
        nodeActivation = new long[nodes];
        prefixMacs = new long[nodes + 1];
        prefixWeights = new long[nodes + 1];
        for (int n = 0; n < nodes; n++) {
            ModelGraph.Node node = graph.node(n);
            reads[n] = node.reads().stream().mapToInt(index::get).toArray();
            writes[n] = node.writes().stream().mapToInt(index::get).toArray();
            for (int t : reads[n]) {
                nodeActivation[n] += tensorBytes[t];
            }
            for (int t : writes[n]) {
                nodeActivation[n] += tensorBytes[t];
            }
            prefixMacs[n + 1] = prefixMacs[n] + node.macs();
            prefixWeights[n + 1] = prefixWeights[n] + this.facts.get(n).weightBytes();
        }
        live = liveTensors(index);
        liveBytes = new long[nodes + 1];
        for (int p = 0; p <= nodes; p++) {
            for (int t : live[p]) {
                liveBytes[p] += tensorBytes[t];
            }
        }
        firstWhole = new int[nodes + 1];
        firstWhole[nodes] = nodes;
        for (int n = nodes - 1; n >= 0; n--) {
            firstWhole[n] = splittable(n) ? firstWhole[n + 1] : n;
        }
        cuts =
                new PrefixCuts()
                        .candidates(graph).stream()
                                .mapToInt(p -> p.nodesOf(Partition.DEVICE).size())
                                .toArray();
        activationBetweenCuts = activationTable();
    }

    /**
     * The planner's view of {@code graph}; {@code facts} holds one entry per node, in node order.
     *
     * @throws IllegalArgumentException with one line if the sizes differ or the input or output has
     *     no static shape
     */
    public static PipelineModel of(ModelGraph graph, List<LayerFacts> facts) {
        if (facts.size() != graph.nodeCount()) {
            throw new IllegalArgumentException(
                    "model "
                            + graph.modelId()
                            + ": "
                            + facts.size()
                            + " layer facts for "
                            + graph.nodeCount()
                            + " nodes");
        }
        return new PipelineModel(graph, facts);
    }

    private int[][] liveTensors(Map<String, Integer> index) {
        List<ModelGraph.Tensor> tensors = graph.tensors();
        List<List<Integer>> byPosition = new ArrayList<>();
        for (int p = 0; p <= nodes; p++) {
            byPosition.add(new ArrayList<>());
        }
        String output = graph.output().name();
        for (int t = 0; t < tensors.size(); t++) {
            ModelGraph.Tensor tensor = tensors.get(t);
            int from = tensor.producer() + 1;
            int lastUse = tensor.name().equals(output) ? nodes : -1;
            for (int c : tensor.consumers()) {
                lastUse = Math.max(lastUse, c);
            }
            for (int p = from; p <= lastUse; p++) {
                byPosition.get(p).add(t);
            }
        }
        int[][] result = new int[nodes + 1][];
        for (int p = 0; p <= nodes; p++) {
            result[p] = byPosition.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private long[][] activationTable() {
        long[][] table = new long[cuts.length][cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            long max = 0;
            for (int j = i + 1; j < cuts.length; j++) {
                for (int n = cuts[j - 1]; n < cuts[j]; n++) {
                    max = Math.max(max, nodeActivation[n]);
                }
                table[i][j] = max;
            }
        }
        return table;
    }

    private boolean splittable(int n) {
        if (facts.get(n).rows() == LayerFacts.Rows.WHOLE) {
            return false;
        }
        for (int t : reads[n]) {
            if (height[t] <= 0) {
                return false;
            }
        }
        for (int t : writes[n]) {
            if (height[t] <= 0) {
                return false;
            }
        }
        return writes[n].length > 0;
    }

    /** The model's graph. */
    public ModelGraph graph() {
        return graph;
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodes;
    }

    /** Stage boundaries: node positions, 0 (the input) first, the node count (the output) last. */
    public int[] cuts() {
        return cuts.clone();
    }

    /** Number of cuts. */
    public int cutCount() {
        return cuts.length;
    }

    /** The node position of cut {@code c}. */
    public int position(int c) {
        return cuts[c];
    }

    /** MACs of the nodes {@code [from, to)}. */
    public long macs(int from, int to) {
        return prefixMacs[to] - prefixMacs[from];
    }

    /** Weight bytes of the nodes {@code [from, to)}. */
    public long weightBytes(int from, int to) {
        return prefixWeights[to] - prefixWeights[from];
    }

    /** Bytes live at position p: what a stage starting or ending there receives or sends. */
    public long liveBytes(int position) {
        return liveBytes[position];
    }

    /** Names of the tensors live at position p, in production order. */
    public List<String> liveTensorNames(int position) {
        List<String> names = new ArrayList<>();
        for (int t : live[position]) {
            names.add(graph.tensors().get(t).name());
        }
        return names;
    }

    /** The largest input+output bytes of one node between cuts {@code a < b}. */
    public long activationBytes(int a, int b) {
        return activationBetweenCuts[a][b];
    }

    /** The largest input+output bytes of one node in {@code [from, to)}. */
    long activationBytesOfNodes(int from, int to) {
        long max = 0;
        for (int n = from; n < to; n++) {
            max = Math.max(max, nodeActivation[n]);
        }
        return max;
    }

    /**
     * Where the part of the nodes {@code [from, to)} that can be split along the height ends: the
     * first node that cannot be split, or {@code to}, moved back until every tensor live there has
     * a height; {@code from} when nothing can be split.
     */
    public int splitEnd(int from, int to) {
        if (!allHaveHeight(from)) {
            return from;
        }
        int q = Math.min(to, firstWhole[from]);
        while (q > from && !allHaveHeight(q)) {
            q--;
        }
        return q;
    }

    private boolean allHaveHeight(int position) {
        for (int t : live[position]) {
            if (height[t] <= 0) {
                return false;
            }
        }
        return live[position].length > 0;
    }

    /** Rows of the split part's output at position {@code q}: the first live tensor's height. */
    public long rowsAt(int q) {
        return height[live[q][0]];
    }

    /** The work of one band of the split part {@code [from, q)}, see {@link #band}. */
    public record Band(double macs, double inBytes, double outBytes, double activationBytes) {}

    /**
     * What it takes to compute output rows {@code [r0, r1)} (of {@link #rowsAt(int) rowsAt(q)}) of
     * every tensor live at {@code q} from the tensors live at {@code from}: the needed rows are
     * propagated back through the nodes, so halos grow with every window on the way.
     */
    public Band band(int from, int q, long r0, long r1) {
        long[] lo = new long[height.length];
        long[] hi = new long[height.length];
        long ref = rowsAt(q);
        double out = 0;
        for (int t : live[q]) {
            lo[t] = r0 * height[t] / ref;
            hi[t] = Math.min(height[t], LayerFacts.ceilDiv(r1 * height[t], ref));
            out += tensorBytes[t] * (double) (hi[t] - lo[t]) / height[t];
        }
        double macs = 0;
        double act = 0;
        for (int n = q - 1; n >= from; n--) {
            long oLo = Long.MAX_VALUE;
            long oHi = Long.MIN_VALUE;
            for (int w : writes[n]) {
                if (hi[w] > lo[w]) {
                    oLo = Math.min(oLo, lo[w]);
                    oHi = Math.max(oHi, hi[w]);
                }
            }
            if (oHi <= oLo) {
                continue;
            }
            long oH = height[writes[n][0]];
            double fraction = (double) (oHi - oLo) / oH;
            macs += graph.node(n).macs() * fraction;
            act = Math.max(act, nodeActivation[n] * fraction);
            for (int r : reads[n]) {
                long[] in = facts.get(n).inputRows(oLo, oHi, oH, height[r]);
                if (hi[r] <= lo[r]) {
                    lo[r] = in[0];
                    hi[r] = in[1];
                } else {
                    lo[r] = Math.min(lo[r], in[0]);
                    hi[r] = Math.max(hi[r], in[1]);
                }
            }
        }
        double in = 0;
        for (int t : live[from]) {
            in += tensorBytes[t] * (double) Math.max(0, hi[t] - lo[t]) / height[t];
        }
        return new Band(macs, in, out, act);
    }
}
