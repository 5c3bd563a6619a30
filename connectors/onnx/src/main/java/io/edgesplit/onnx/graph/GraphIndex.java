package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Index over the top-level graph of a model: producers, inputs (including the outer-scope names
 * that If/Loop/Scan bodies read), a topological order and the split between activation nodes and
 * structural nodes.
 *
 * <p><b>Structural</b> tensors are initializers, outputs of nodes with no inputs (Constant), of
 * {@code Shape}/{@code Size} nodes (their value depends only on a shape) and of nodes whose inputs
 * are all structural, e.g. PyTorch's {@code Shape -> Gather -> Unsqueeze -> Concat} chains that
 * feed a {@code Reshape}. They never cross a cut: each part recomputes the structural nodes it
 * needs. A {@code Shape(x)} counts as a use of {@code x}, so {@code x} is available wherever the
 * shape is computed. All other tensors are <b>activations</b>, produced by activation nodes, whose
 * positions in the topological order define the cuts.
 */
public final class GraphIndex {

    private static final Set<String> SHAPE_READERS = Set.of("Shape", "Size");

    private final String modelName;
    private final GraphProto graph;
    private final Set<String> constants = new HashSet<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final Map<String, Integer> producers = new HashMap<>();
    private final List<List<String>> nodeInputs = new ArrayList<>();
    private final int[] topologicalOrder;
    private final Set<String> structuralTensors = new HashSet<>();
    private final List<Integer> activationNodes = new ArrayList<>();
    private final Map<String, Set<String>> shapeSources = new HashMap<>();

    private GraphIndex(OnnxModel model) {
        this.modelName = model.name();
        this.graph = model.proto().getGraph();
        for (TensorProto init : graph.getInitializerList()) {
            constants.add(init.getName());
        }
        for (SparseTensorProto init : graph.getSparseInitializerList()) {
            constants.add(init.getValues().getName());
        }
        for (ValueInfoProto in : graph.getInputList()) {
            if (!constants.contains(in.getName())) {
                inputs.add(in);
            }
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            for (String out : node.getOutputList()) {
                if (!out.isEmpty() && producers.putIfAbsent(out, i) != null) {
                    throw new IllegalArgumentException(
                            "model "
                                    + modelName
                                    + ": tensor '"
                                    + out
                                    + "' is produced twice (by "
                                    + nodeLabel(producers.get(out))
                                    + " and "
                                    + nodeLabel(i)
                                    + ")");
                }
            }
        }
        Set<String> graphInputNames = new HashSet<>();
        graph.getInputList().forEach(v -> graphInputNames.add(v.getName()));
        for (int i = 0; i < graph.getNodeCount(); i++) {
            Set<String> names = reads(graph.getNode(i));
            for (String in : names) {
                if (!producers.containsKey(in)
                        && !constants.contains(in)
                        && !graphInputNames.contains(in)) {
                    throw new IllegalArgumentException(
                            "model "
                                    + modelName
                                    + ": "
                                    + nodeLabel(i)
                                    + " reads '"
                                    + in
                                    + "', which no node, graph input or initializer defines");
                }
            }
            nodeInputs.add(List.copyOf(names));
        }
        this.topologicalOrder = topologicalSort();
        structuralTensors.addAll(constants);
        for (int i : topologicalOrder) {
            NodeProto node = graph.getNode(i);
            if (isShapeReader(node)
                    || nodeInputs.get(i).stream().allMatch(structuralTensors::contains)) {
                node.getOutputList().stream()
                        .filter(o -> !o.isEmpty())
                        .forEach(structuralTensors::add);
            } else {
                activationNodes.add(i);
            }
        }
    }

    /** Indexes the model's graph; fails with one line on undefined names, cycles or duplicates. */
    public static GraphIndex of(OnnxModel model) {
        return new GraphIndex(model);
    }

    private static boolean isShapeReader(NodeProto node) {
        return isDefaultDomain(node) && SHAPE_READERS.contains(node.getOpType());
    }

    static boolean isDefaultDomain(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }

    /** The names a node reads: its non-empty inputs, then what its subgraphs read from outside. */
    private static Set<String> reads(NodeProto node) {
        Set<String> reads = new LinkedHashSet<>();
        for (String in : node.getInputList()) {
            if (!in.isEmpty()) {
                reads.add(in);
            }
        }
        for (AttributeProto attr : node.getAttributeList()) {
            if (attr.hasG()) {
                outerScopeReads(attr.getG(), reads);
            }
            for (GraphProto g : attr.getGraphsList()) {
                outerScopeReads(g, reads);
            }
        }
        return reads;
    }

    /** Adds the names a subgraph reads from enclosing scopes. */
    private static void outerScopeReads(GraphProto g, Set<String> out) {
        Set<String> defined = new HashSet<>();
        g.getInputList().forEach(v -> defined.add(v.getName()));
        g.getInitializerList().forEach(t -> defined.add(t.getName()));
        g.getSparseInitializerList().forEach(t -> defined.add(t.getValues().getName()));
        g.getNodeList().forEach(n -> defined.addAll(n.getOutputList()));
        for (NodeProto n : g.getNodeList()) {
            for (String r : reads(n)) {
                if (!defined.contains(r)) {
                    out.add(r);
                }
            }
        }
    }

    /** Kahn's algorithm, preferring the file's node order (stable for already sorted graphs). */
    private int[] topologicalSort() {
        int n = graph.getNodeCount();
        int[] pending = new int[n];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Set<Integer> deps = new HashSet<>();
            for (String in : nodeInputs.get(i)) {
                Integer p = producers.get(in);
                if (p != null && p != i) {
                    deps.add(p);
                } else if (p != null) {
                    throw new IllegalArgumentException(
                            "model " + modelName + ": " + nodeLabel(i) + " reads its own output");
                }
            }
            pending[i] = deps.size();
            for (int d : deps) {
                dependents.get(d).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            for (int d : dependents.get(i)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (k < n) {
            for (int i = 0; i < n; i++) {
                if (pending[i] > 0) {
                    throw new IllegalArgumentException(
                            "model "
                                    + modelName
                                    + ": the graph has a cycle through "
                                    + nodeLabel(i));
                }
            }
        }
        return order;
    }

    /** The model's name. */
    public String modelName() {
        return modelName;
    }

    /** The indexed graph. */
    public GraphProto graph() {
        return graph;
    }

    /** Graph inputs that are not initializers (what a caller feeds). */
    public List<ValueInfoProto> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Whether a name is an initializer (dense or sparse). */
    public boolean isConstant(String tensor) {
        return constants.contains(tensor);
    }

    /** Index of the node producing a tensor, or -1 for graph inputs and initializers. */
    public int producer(String tensor) {
        return producers.getOrDefault(tensor, -1);
    }

    /** Inputs a node reads: its non-empty inputs plus outer-scope names its subgraphs read. */
    public List<String> nodeInputs(int node) {
        return nodeInputs.get(node);
    }

    /** All node indices in a topological order (the file's order where it is already sorted). */
    public int[] topologicalOrder() {
        return topologicalOrder.clone();
    }

    /** Whether the tensor is structural (initializer or computed only from shapes/constants). */
    public boolean isStructuralTensor(String tensor) {
        return structuralTensors.contains(tensor);
    }

    /** Activation nodes in topological order; a node's index in this list is its position. */
    public List<Integer> activationNodes() {
        return Collections.unmodifiableList(activationNodes);
    }

    /**
     * Activation tensors whose shapes a structural tensor reads through {@code Shape}/{@code Size};
     * a part that needs the structural tensor needs these activations too.
     */
    public Set<String> shapeSources(String structuralTensor) {
        Set<String> cached = shapeSources.get(structuralTensor);
        if (cached != null) {
            return cached;
        }
        Set<String> sources = new HashSet<>();
        int p = producer(structuralTensor);
        if (p >= 0) {
            for (String in : nodeInputs.get(p)) {
                if (structuralTensors.contains(in)) {
                    sources.addAll(shapeSources(in));
                } else {
                    sources.add(in);
                }
            }
        }
        Set<String> result = Set.copyOf(sources);
        shapeSources.put(structuralTensor, result);
        return result;
    }

    /** A node's name for messages: its name, or "OpType#index" when unnamed. */
    public String nodeLabel(int node) {
        return "node '" + nodeName(node) + "' (" + graph.getNode(node).getOpType() + ")";
    }

    /** A node's display name: its name, or "OpType#index" when unnamed. */
    public String nodeName(int node) {
        NodeProto n = graph.getNode(node);
        return n.getName().isEmpty() ? n.getOpType() + "#" + node : n.getName();
    }
}
