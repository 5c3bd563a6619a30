package io.edgesplit.onnx.split;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.GraphIndex;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.OnnxTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a model into stand-alone ONNX models: one {@link Stage} per party of a {@link Partition}
 * of the analysed graph, or, at a numbered cut, a head and a tail.
 *
 * <ul>
 *   <li>Each stage takes what the previous party sends (the model input for the first) and outputs
 *       what later parties need (the model output for the last); a tensor a later party reads
 *       passes through unchanged. The head of a cut takes the model input and outputs the cut
 *       tensors; the tail takes the cut tensors and outputs the model output. A party with no nodes
 *       is an identity (a graph whose outputs are its inputs), e.g. the head of cut 0 and the tail
 *       of the last cut, so running the stages in order works for every partition.
 *   <li>Activation nodes go to their party; structural nodes (constants, {@code Shape} chains, see
 *       {@link GraphIndex}) go to every part that needs them, so a constant two parts read is
 *       duplicated.
 *   <li>Initializers go only to the parts that read them; unused initializers and
 *       initializer-inputs (old PyTorch exports) are dropped.
 *   <li>Inputs, outputs and boundary tensors are declared with the analysed static shapes; when the
 *       model has a symbolic batch dimension, dimension 0 of every batch-leading tensor keeps it,
 *       so later stages accept micro-batches.
 * </ul>
 */
public final class ModelSplitter {

    private ModelSplitter() {}

    /**
     * Splits {@code model} at cut {@code cutIndex} of {@code analysis} (which must come from {@link
     * io.edgesplit.onnx.graph.ModelAnalyzer#analyze} on the same model): the two-party partition
     * whose device runs the cut's head ({@link Cut#partition}: a prefix or a general DAG cut).
     *
     * @throws IllegalArgumentException with one line if the cut is out of range or the analysis
     *     belongs to another model
     */
    public static SplitModels split(OnnxModel model, ModelAnalysis analysis, int cutIndex) {
        requireAnalysisOf(model, analysis);
        Cut cut = analysis.cut(cutIndex);
        Partition partition = cut.partition(analysis.graph());
        List<Stage> parts =
                stages(
                        model,
                        analysis,
                        partition,
                        List.of(
                                model.name() + "-head-cut" + cutIndex,
                                model.name() + "-tail-cut" + cutIndex),
                        List.of("_head", "_tail"));
        return new SplitModels(parts.get(0).model(), parts.get(1).model(), cut.tensors());
    }

    /**
     * Splits {@code model} into one stage per party of {@code partition}, a partition of {@code
     * analysis.graph()}; stage i's model is named "model-party". Running the stages in order, each
     * on the previous one's outputs, gives the model's output.
     *
     * @throws IllegalArgumentException with one line if the analysis or the partition belongs to
     *     another model, or a boundary tensor cannot be carried
     */
    public static List<Stage> split(OnnxModel model, ModelAnalysis analysis, Partition partition) {
        requireAnalysisOf(model, analysis);
        if (!partition.graph().equals(analysis.graph())) {
            throw new IllegalArgumentException(
                    "partition "
                            + partition
                            + " is not a partition of the analysed graph of model "
                            + model.name()
                            + "; build it from analysis.graph()");
        }
        for (String t : partition.boundaries().stream().flatMap(List::stream).toList()) {
            if (!partition.graph().tensor(t).orElseThrow().carriable()) {
                throw new IllegalArgumentException(
                        "cannot split "
                                + partition
                                + ": tensor '"
                                + t
                                + "' has no static shape or a type edgesplit cannot carry");
            }
        }
        List<String> names = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String party : partition.parties()) {
            names.add(model.name() + "-" + party);
            suffixes.add("_" + party);
        }
        return stages(model, analysis, partition, names, suffixes);
    }

    private static void requireAnalysisOf(OnnxModel model, ModelAnalysis analysis) {
        if (!model.name().equals(analysis.modelId())
                || model.proto().getGraph().getNodeCount() != analysis.graphNodeCount()) {
            throw new IllegalArgumentException(
                    "the analysis of model "
                            + analysis.modelId()
                            + " does not belong to model "
                            + model.name()
                            + "; analyse the model before splitting it");
        }
    }

    private static List<Stage> stages(
            OnnxModel model,
            ModelAnalysis analysis,
            Partition partition,
            List<String> modelNames,
            List<String> graphSuffixes) {
        GraphIndex index = GraphIndex.of(model);
        List<Integer> activation = index.activationNodes();
        List<Stage> stages = new ArrayList<>();
        for (int party = 0; party < partition.partyCount(); party++) {
            List<Integer> nodes = partition.nodesOf(party).stream().map(activation::get).toList();
            List<TensorSpec> inputs = partition.specs(partition.inputsOf(party));
            List<TensorSpec> outputs = partition.specs(partition.outputsOf(party));
            OnnxModel part =
                    new Part(index, nodes, inputs, outputs)
                            .build(
                                    model,
                                    analysis,
                                    graphSuffixes.get(party),
                                    modelNames.get(party));
            stages.add(new Stage(partition.parties().get(party), part, inputs, outputs));
        }
        return List.copyOf(stages);
    }

    /** One part: its activation nodes, the structural nodes and initializers they need. */
    private static final class Part {
        private final GraphIndex index;
        private final List<TensorSpec> inputs;
        private final List<TensorSpec> outputs;
        private final Set<Integer> nodes = new HashSet<>();
        private final Set<String> constants = new HashSet<>();
        private final Set<String> available = new HashSet<>();

        Part(
                GraphIndex index,
                List<Integer> activationNodes,
                List<TensorSpec> inputs,
                List<TensorSpec> outputs) {
            this.index = index;
            this.inputs = inputs;
            this.outputs = outputs;
            inputs.forEach(t -> available.add(t.name()));
            nodes.addAll(activationNodes);
            for (int node : activationNodes) {
                for (String out : index.graph().getNode(node).getOutputList()) {
                    available.add(out);
                }
            }
            Deque<String> structural = new ArrayDeque<>();
            for (int node : activationNodes) {
                for (String in : index.nodeInputs(node)) {
                    if (index.isStructuralTensor(in)) {
                        structural.push(in);
                    } else {
                        requireAvailable(in, node);
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            while (!structural.isEmpty()) {
                String t = structural.pop();
                if (!seen.add(t)) {
                    continue;
                }
                if (index.isConstant(t)) {
                    constants.add(t);
                    continue;
                }
                int producer = index.producer(t);
                nodes.add(producer);
                for (String in : index.nodeInputs(producer)) {
                    if (index.isStructuralTensor(in)) {
                        structural.push(in);
                    } else {
                        requireAvailable(in, producer);
                    }
                }
            }
            for (TensorSpec out : outputs) {
                if (!available.contains(out.name())) {
                    throw new IllegalStateException(
                            "split of model "
                                    + index.modelName()
                                    + ": output '"
                                    + out.name()
                                    + "' is not computed by this part");
                }
            }
        }

        private void requireAvailable(String tensor, int node) {
            if (!available.contains(tensor)) {
                throw new IllegalStateException(
                        "split of model "
                                + index.modelName()
                                + ": "
                                + index.nodeLabel(node)
                                + " reads '"
                                + tensor
                                + "', which is neither an input of this part nor computed in it");
            }
        }

        OnnxModel build(OnnxModel model, ModelAnalysis analysis, String suffix, String name) {
            GraphProto original = index.graph();
            GraphProto.Builder g = GraphProto.newBuilder().setName(original.getName() + suffix);
            if (!original.getDocString().isEmpty()) {
                g.setDocString(original.getDocString());
            }
            String batch = analysis.batchDimName().orElse(null);
            for (TensorSpec in : inputs) {
                g.addInput(valueInfo(in, batch != null && analysis.batchLeading(in.name()), batch));
            }
            for (TensorSpec out : outputs) {
                g.addOutput(
                        valueInfo(out, batch != null && analysis.batchLeading(out.name()), batch));
            }
            boolean initializersAsInputs = model.proto().getIrVersion() < 4;
            for (TensorProto init : original.getInitializerList()) {
                if (constants.contains(init.getName())) {
                    g.addInitializer(init);
                    if (initializersAsInputs) {
                        g.addInput(initializerInput(init));
                    }
                }
            }
            for (SparseTensorProto init : original.getSparseInitializerList()) {
                if (constants.contains(init.getValues().getName())) {
                    g.addSparseInitializer(init);
                }
            }
            Set<String> produced = new HashSet<>();
            for (int node : index.topologicalOrder()) {
                if (nodes.contains(node)) {
                    g.addNode(original.getNode(node));
                    produced.addAll(original.getNode(node).getOutputList());
                }
            }
            Set<String> declared = new HashSet<>();
            inputs.forEach(t -> declared.add(t.name()));
            outputs.forEach(t -> declared.add(t.name()));
            for (ValueInfoProto vi : original.getValueInfoList()) {
                if (produced.contains(vi.getName()) && !declared.contains(vi.getName())) {
                    g.addValueInfo(vi);
                }
            }
            ModelProto proto = model.proto().toBuilder().clearTrainingInfo().setGraph(g).build();
            return OnnxModel.of(proto, name);
        }
    }

    private static ValueInfoProto valueInfo(TensorSpec spec, boolean batchLeading, String batch) {
        long[] shape = spec.shape();
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (i == 0 && batchLeading) {
                d.setDimParam(batch);
            } else {
                d.setDimValue(shape[i]);
            }
            dims.addDim(d);
        }
        return ValueInfoProto.newBuilder()
                .setName(spec.name())
                .setType(
                        TypeProto.newBuilder()
                                .setTensorType(
                                        TypeProto.Tensor.newBuilder()
                                                .setElemType(OnnxTypes.onnxCode(spec.elementType()))
                                                .setShape(dims)))
                .build();
    }

    private static ValueInfoProto initializerInput(TensorProto init) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long d : init.getDimsList()) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(init.getName())
                .setType(
                        TypeProto.newBuilder()
                                .setTensorType(
                                        TypeProto.Tensor.newBuilder()
                                                .setElemType(init.getDataType())
                                                .setShape(dims)))
                .build();
    }
}
