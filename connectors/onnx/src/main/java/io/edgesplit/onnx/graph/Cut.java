package io.edgesplit.onnx.graph;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.model.TensorSpec;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One candidate cut. A <em>prefix</em> cut has the activations live after the first {@code
 * position} activation nodes of the topological order: the head runs those nodes, the tail the
 * rest. A <em>general</em> (DAG) cut has a head of any predecessor-closed set of nodes, {@code
 * deviceNodes} (positions in the activation order), that no prefix has; {@link ModelAnalyzer} adds
 * the ones that are optimal for some weighting of head work against bytes (docs/partitioning.md).
 *
 * @param index cut index (0 = raw model input, last = model output)
 * @param position number of activation nodes in the head (also for general cuts)
 * @param label where the cut is, e.g. "input", "after layer1.1.relu2 (Relu)", "output"
 * @param tensors tensors crossing the cut (batch 1), in production order
 * @param headMacs multiply-accumulates of the head
 * @param tailMacs multiply-accumulates of the tail
 * @param deviceNodes the head's nodes for a general cut, ascending; empty for a prefix cut
 */
public record Cut(
        int index,
        int position,
        String label,
        List<TensorSpec> tensors,
        long headMacs,
        long tailMacs,
        List<Integer> deviceNodes) {

    public Cut {
        Objects.requireNonNull(label, "label");
        tensors = List.copyOf(tensors);
        deviceNodes = List.copyOf(new TreeSet<>(deviceNodes));
        if (!deviceNodes.isEmpty() && deviceNodes.size() != position) {
            throw new IllegalArgumentException(
                    "cut "
                            + index
                            + ": position must count the "
                            + deviceNodes.size()
                            + " head nodes");
        }
    }

    /** A prefix cut after the first {@code position} nodes. */
    public Cut(
            int index,
            int position,
            String label,
            List<TensorSpec> tensors,
            long headMacs,
            long tailMacs) {
        this(index, position, label, tensors, headMacs, tailMacs, List.of());
    }

    /** Whether the head is the first {@link #position()} nodes of the topological order. */
    public boolean prefix() {
        return deviceNodes.isEmpty();
    }

    /** The two-party partition of {@code graph} (the analysed graph) that this cut makes. */
    public Partition partition(ModelGraph graph) {
        return prefix()
                ? Partition.devicePrefix(graph, position)
                : Partition.deviceEdge(graph, Set.copyOf(deviceNodes));
    }

    /** Bytes crossing the cut in the tensors' own types (fp32 for activations). */
    public long bytes() {
        return tensors.stream().mapToLong(TensorSpec::bytes).sum();
    }

    /** Bytes crossing the cut if floating tensors travel as fp16. */
    public long bytesFp16() {
        return tensors.stream().mapToLong(TensorSpec::bytesFp16).sum();
    }

    /** Names of the tensors crossing the cut. */
    public List<String> tensorNames() {
        return tensors.stream().map(TensorSpec::name).toList();
    }
}
