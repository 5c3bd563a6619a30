package io.edgesplit.onnx.graph;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.Measurement;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ModelAnalyzer} learned about a model at one input shape: every tensor's shape and
 * type, MACs per node and the candidate cuts. Immutable.
 */
public final class ModelAnalysis {

    private final String modelId;
    private final TensorSpec input;
    private final TensorSpec output;
    private final String batchDimName;
    private final int graphNodeCount;
    private final Map<String, TensorSpec> tensors;
    private final Set<String> batchLeading;
    private final List<NodeCost> nodes;
    private final List<Cut> cuts;
    private final ModelGraph graph;
    private final long totalMacs;

    ModelAnalysis(
            String modelId,
            TensorSpec input,
            TensorSpec output,
            String batchDimName,
            int graphNodeCount,
            Map<String, TensorSpec> tensors,
            Set<String> batchLeading,
            List<NodeCost> nodes,
            List<Cut> cuts,
            ModelGraph graph) {
        this.modelId = Objects.requireNonNull(modelId);
        this.input = Objects.requireNonNull(input);
        this.output = Objects.requireNonNull(output);
        this.batchDimName = batchDimName;
        this.graphNodeCount = graphNodeCount;
        this.tensors = Map.copyOf(tensors);
        this.batchLeading = Set.copyOf(batchLeading);
        this.nodes = List.copyOf(nodes);
        this.cuts = List.copyOf(cuts);
        this.graph = Objects.requireNonNull(graph);
        this.totalMacs = this.nodes.stream().mapToLong(NodeCost::macs).sum();
    }

    /** Model name (zoo name or file stem). */
    public String modelId() {
        return modelId;
    }

    /** The model input at the analysed shape. */
    public TensorSpec input() {
        return input;
    }

    /** The model output at the analysed shape. */
    public TensorSpec output() {
        return output;
    }

    /** Name of the symbolic batch dimension of the input (e.g. "N"), empty if batch is fixed. */
    public Optional<String> batchDimName() {
        return Optional.ofNullable(batchDimName);
    }

    /** Number of nodes in the analysed graph (the splitter checks it matches). */
    public int graphNodeCount() {
        return graphNodeCount;
    }

    /** Shape and type of a tensor (activations and computed structural tensors). */
    public Optional<TensorSpec> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** Whether the tensor's dimension 0 is the model's symbolic batch dimension. */
    public boolean batchLeading(String name) {
        return batchLeading.contains(name);
    }

    /** Activation nodes in topological order, with their MACs. */
    public List<NodeCost> nodes() {
        return nodes;
    }

    /**
     * The model's compute graph for partitioning: the activation nodes of {@link #nodes()} in the
     * same order, the tensors between them with their specs (see {@link ModelGraphs}).
     */
    public ModelGraph graph() {
        return graph;
    }

    /** Candidate cuts, 0 (raw input) to {@link #lastCut()} (model output). */
    public List<Cut> cuts() {
        return cuts;
    }

    /** Index of the last cut (the model output). */
    public int lastCut() {
        return cuts.size() - 1;
    }

    /** The cut with this index, failing with one line naming the valid range. */
    public Cut cut(int index) {
        if (index < 0 || index > lastCut()) {
            throw new IllegalArgumentException(
                    "cut "
                            + index
                            + " is out of range for model "
                            + modelId
                            + ": valid cuts are 0.."
                            + lastCut());
        }
        return cuts.get(index);
    }

    /** Multiply-accumulates of the whole model. */
    public long totalMacs() {
        return totalMacs;
    }

    /** One cut as a core {@link CutProfile} with the given latencies (NaN when not measured). */
    public CutProfile cutProfile(int index, double headMs, double tailMs) {
        Cut c = cut(index);
        return new CutProfile(
                c.index(),
                c.label(),
                c.tensors(),
                c.bytes(),
                c.bytesFp16(),
                c.headMacs(),
                c.tailMacs(),
                headMs,
                tailMs,
                Map.of(),
                !c.prefix());
    }

    /** A MACs-and-bytes profile without latencies (all NaN, no measurement). */
    public ModelProfile toProfile() {
        List<CutProfile> profiles = new ArrayList<>(cuts.size());
        for (Cut c : cuts) {
            profiles.add(cutProfile(c.index(), Double.NaN, Double.NaN));
        }
        return new ModelProfile(modelId, input, output, totalMacs, null, profiles);
    }

    /** A profile with measured latencies; {@code cutProfiles} must hold every cut in order. */
    public ModelProfile toProfile(Measurement measuredOn, List<CutProfile> cutProfiles) {
        return new ModelProfile(modelId, input, output, totalMacs, measuredOn, cutProfiles);
    }

    @Override
    public String toString() {
        return "ModelAnalysis("
                + modelId
                + ", input "
                + input
                + ", "
                + nodes.size()
                + " activation nodes, "
                + cuts.size()
                + " cuts, "
                + totalMacs
                + " MACs)";
    }
}
