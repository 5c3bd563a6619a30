package io.edgesplit.core.graph;

import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compute graph of a model as partitioning sees it: an immutable DAG of compute nodes in a
 * topological order and the tensors between them, with one input tensor and one output tensor.
 *
 * <p>A node's index is its position in the topological order, so every tensor is consumed only by
 * nodes with a larger index than its producer. Tensors are listed in production order: the graph
 * input first, then each node's outputs in node order. A tensor's {@link TensorSpec} is known when
 * its shape is static and its element type can be carried between parties; only such tensors can
 * cross a {@link Partition} boundary that is actually split.
 *
 * <p>Built with {@link #builder(String)}; construction fails with one line naming the bad value.
 * Equality is by content.
 */
public final class ModelGraph {

    /** The producer index of the graph input. */
    public static final int GRAPH_INPUT = -1;

    /**
     * A compute node.
     *
     * @param index position in the topological order (0-based)
     * @param name display name (not necessarily unique)
     * @param opType operator, e.g. "Conv"
     * @param macs multiply-accumulates at batch 1
     * @param reads tensors the node reads, in first-use order, without duplicates
     * @param writes tensors the node produces, in output order
     */
    public record Node(
            int index,
            String name,
            String opType,
            long macs,
            List<String> reads,
            List<String> writes) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opType, "opType");
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
        }
    }

    /**
     * A tensor between nodes.
     *
     * @param name tensor name, unique in the graph
     * @param spec shape and element type, or null when the shape is not static or the type cannot
     *     be carried
     * @param producer index of the producing node, or {@link #GRAPH_INPUT}
     * @param consumers indices of the nodes that read it, ascending
     */
    public record Tensor(String name, TensorSpec spec, int producer, List<Integer> consumers) {
        public Tensor {
            Objects.requireNonNull(name, "name");
            consumers = List.copyOf(consumers);
        }

        /** Whether the tensor has a known static shape and a type that can be carried. */
        public boolean carriable() {
            return spec != null;
        }
    }

    private final String modelId;
    private final List<Node> nodes;
    private final List<Tensor> tensors;
    private final Map<String, Tensor> byName;
    private final Tensor input;
    private final Tensor output;

    private ModelGraph(String modelId, List<Node> nodes, List<Tensor> tensors, String output) {
        this.modelId = modelId;
        this.nodes = List.copyOf(nodes);
        this.tensors = List.copyOf(tensors);
        Map<String, Tensor> map = new LinkedHashMap<>();
        this.tensors.forEach(t -> map.put(t.name(), t));
        this.byName = Collections.unmodifiableMap(map);
        this.input = this.tensors.get(0);
        this.output = byName.get(output);
    }

    /** Starts a graph of the model {@code modelId}. */
    public static Builder builder(String modelId) {
        return new Builder(modelId);
    }

    /** The model's name. */
    public String modelId() {
        return modelId;
    }

    /** The nodes in topological order; a node's index is its position in this list. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node with this index. */
    public Node node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException(
                    "node "
                            + index
                            + " is out of range for graph "
                            + modelId
                            + ": valid nodes are 0.."
                            + (nodes.size() - 1));
        }
        return nodes.get(index);
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Every tensor in production order: the input, then each node's outputs in node order. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** The tensor with this name, if the graph has one. */
    public Optional<Tensor> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The graph input (produced before every node). */
    public Tensor input() {
        return input;
    }

    /** The graph output (consumed after every node). */
    public Tensor output() {
        return output;
    }

    /** Multiply-accumulates of all nodes. */
    public long totalMacs() {
        return nodes.stream().mapToLong(Node::macs).sum();
    }

    /** A node for messages: "node 'name' (OpType)". */
    String label(int node) {
        Node n = nodes.get(node);
        return "node '" + n.name() + "' (" + n.opType() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof ModelGraph g
                        && modelId.equals(g.modelId)
                        && nodes.equals(g.nodes)
                        && tensors.equals(g.tensors)
                        && output.name().equals(g.output.name());
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, nodes.size(), tensors.size(), output.name());
    }

    @Override
    public String toString() {
        return "ModelGraph("
                + modelId
                + ", "
                + nodes.size()
                + " nodes, "
                + tensors.size()
                + " tensors, "
                + input.name()
                + " -> "
                + output.name()
                + ")";
    }

    /**
     * Builds a {@link ModelGraph}: the input first, then the nodes in a topological order, then the
     * output; specs of tensors any time before {@link #build()}.
     */
    public static final class Builder {
        private final String modelId;
        private String input;
        private String output;
        private final List<NodeDraft> nodes = new ArrayList<>();
        private final Map<String, TensorSpec> specs = new HashMap<>();

        private record NodeDraft(
                String name, String opType, long macs, List<String> reads, List<String> writes) {}

        private Builder(String modelId) {
            if (modelId == null || modelId.isBlank()) {
                throw new IllegalArgumentException("a model graph needs a non-blank model id");
            }
            this.modelId = modelId;
        }

        /** Sets the graph input (its spec is unknown unless given with {@link #spec}). */
        public Builder input(String name) {
            this.input = Objects.requireNonNull(name, "input");
            return this;
        }

        /** Sets the graph input with its spec. */
        public Builder input(TensorSpec spec) {
            return input(spec.name()).spec(spec);
        }

        /** Sets the graph output, a tensor the input or a node produces. */
        public Builder output(String name) {
            this.output = Objects.requireNonNull(name, "output");
            return this;
        }

        /** Appends a node; nodes must come in a topological order. */
        public Builder node(
                String name, String opType, long macs, List<String> reads, List<String> writes) {
            nodes.add(new NodeDraft(name, opType, macs, List.copyOf(reads), List.copyOf(writes)));
            return this;
        }

        /** Records a tensor's shape and type (a tensor without a spec cannot be carried). */
        public Builder spec(TensorSpec spec) {
            specs.put(spec.name(), spec);
            return this;
        }

        /** Records several tensors' specs. */
        public Builder specs(Iterable<TensorSpec> all) {
            all.forEach(this::spec);
            return this;
        }

        /** Validates and builds the graph, failing with one line naming the bad value. */
        public ModelGraph build() {
            if (input == null) {
                throw fail("no input tensor was set");
            }
            Map<String, Integer> producers = new LinkedHashMap<>();
            producers.put(input, GRAPH_INPUT);
            Map<String, Set<Integer>> consumers = new HashMap<>();
            List<Node> built = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeDraft d = nodes.get(i);
                validateNode(i, d);
                Set<String> reads = new LinkedHashSet<>(d.reads());
                for (String r : reads) {
                    if (!producers.containsKey(r)) {
                        throw fail(
                                describe(i, d)
                                        + " reads '"
                                        + r
                                        + "', which neither the input nor an earlier node"
                                        + " produces (nodes must come in a topological order)");
                    }
                    consumers.computeIfAbsent(r, k -> new TreeSet<>()).add(i);
                }
                for (String w : d.writes()) {
                    Integer previous = producers.putIfAbsent(w, i);
                    if (previous != null) {
                        throw fail("tensor '" + w + "' is produced twice (" + describe(i, d) + ")");
                    }
                }
                built.add(
                        new Node(
                                i, d.name(), d.opType(), d.macs(), List.copyOf(reads), d.writes()));
            }
            if (output == null) {
                throw fail("no output tensor was set");
            }
            if (!producers.containsKey(output)) {
                throw fail("output '" + output + "' is neither the input nor produced by a node");
            }
            for (String s : specs.keySet()) {
                if (!producers.containsKey(s)) {
                    throw fail("a spec is given for '" + s + "', which is no tensor of the graph");
                }
            }
            List<Tensor> tensors = new ArrayList<>();
            producers.forEach(
                    (name, producer) ->
                            tensors.add(
                                    new Tensor(
                                            name,
                                            specs.get(name),
                                            producer,
                                            List.copyOf(consumers.getOrDefault(name, Set.of())))));
            return new ModelGraph(modelId, built, tensors, output);
        }

        private void validateNode(int i, NodeDraft d) {
            if (d.name() == null || d.name().isBlank()) {
                throw fail("node " + i + " has no name");
            }
            if (d.opType() == null || d.opType().isBlank()) {
                throw fail("node " + i + " ('" + d.name() + "') has no op type");
            }
            if (d.macs() < 0) {
                throw fail(describe(i, d) + " has negative MACs " + d.macs());
            }
            if (d.writes().stream().anyMatch(w -> w == null || w.isEmpty())) {
                throw fail(describe(i, d) + " writes a tensor with an empty name");
            }
        }

        private static String describe(int i, NodeDraft d) {
            return "node " + i + " '" + d.name() + "' (" + d.opType() + ")";
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("graph of model " + modelId + ": " + what);
        }
    }
}
