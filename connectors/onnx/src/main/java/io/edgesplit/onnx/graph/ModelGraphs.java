package io.edgesplit.onnx.graph;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the core {@link ModelGraph} of an ONNX model: its nodes are the activation nodes of {@link
 * GraphIndex} in their topological order (node index = position), its tensors the model input and
 * the activation nodes' outputs, with specs where {@link ModelAnalyzer} found a static shape and a
 * carriable type.
 *
 * <p>Structural nodes (constants, shape chains) are not in the graph: every part recomputes the
 * ones it needs. A node that reads a structural tensor reads, in the graph, the activations whose
 * shapes that tensor depends on ({@link GraphIndex#shapeSources}, by name), so those activations
 * are available wherever the node runs, exactly as the cuts have always counted them.
 */
final class ModelGraphs {

    private ModelGraphs() {}

    static ModelGraph of(
            GraphIndex index,
            String input,
            String output,
            Map<String, TensorSpec> specs,
            List<NodeCost> costs) {
        ModelGraph.Builder graph = ModelGraph.builder(index.modelName()).input(input);
        List<String> produced = new ArrayList<>();
        produced.add(input);
        List<Integer> activation = index.activationNodes();
        for (int pos = 0; pos < activation.size(); pos++) {
            int node = activation.get(pos);
            Set<String> reads = new LinkedHashSet<>();
            for (String in : index.nodeInputs(node)) {
                if (index.isStructuralTensor(in)) {
                    reads.addAll(new TreeSet<>(index.shapeSources(in)));
                } else {
                    reads.add(in);
                }
            }
            List<String> writes =
                    index.graph().getNode(node).getOutputList().stream()
                            .filter(o -> !o.isEmpty())
                            .toList();
            NodeCost cost = costs.get(pos);
            graph.node(cost.name(), cost.opType(), cost.macs(), List.copyOf(reads), writes);
            produced.addAll(writes);
        }
        for (String t : produced) {
            TensorSpec spec = specs.get(t);
            if (spec != null) {
                graph.spec(spec);
            }
        }
        return graph.output(output).build();
    }
}
