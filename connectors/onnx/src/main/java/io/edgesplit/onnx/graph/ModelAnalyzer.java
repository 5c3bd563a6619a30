package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses a model: input shape, every tensor's shape and element type (by running the model once
 * in ONNX Runtime, see {@link ShapeInference}), MACs per node ({@link MacCounter}) and the
 * candidate cuts.
 *
 * <p>A cut at position p (0..M, M = number of activation nodes, see {@link GraphIndex}) holds the
 * activations produced at or before p that a node after p still reads: cut 0 is the model input,
 * cut M the model output. Chains give one tensor per cut; residual, inception and dense blocks give
 * several. A position is a valid cut when every tensor at it has a static shape (at the analysed
 * input shape) and an element type edgesplit can carry; a position whose tensor set equals the
 * previous one is not a new cut. Cuts are numbered consecutively.
 */
public final class ModelAnalyzer {

    private ModelAnalyzer() {}

    /**
     * Analyses {@code model}.
     *
     * @param inputShapeOverride the input shape to analyse at, or null to use the declared one (a
     *     symbolic batch dimension is taken as 1); needed when other dimensions are dynamic
     * @throws IllegalArgumentException with one line on unsupported models or bad shapes
     */
    public static ModelAnalysis analyze(OnnxModel model, long[] inputShapeOverride) {
        GraphIndex index = GraphIndex.of(model);
        if (index.inputs().size() != 1) {
            throw new IllegalArgumentException(
                    "model "
                            + model.name()
                            + " has "
                            + index.inputs().size()
                            + " inputs "
                            + index.inputs().stream().map(ValueInfoProto::getName).toList()
                            + "; edgesplit partitions single-input models");
        }
        if (index.graph().getOutputCount() != 1) {
            throw new IllegalArgumentException(
                    "model "
                            + model.name()
                            + " has "
                            + index.graph().getOutputCount()
                            + " outputs "
                            + index.graph().getOutputList().stream()
                                    .map(ValueInfoProto::getName)
                                    .toList()
                            + "; edgesplit partitions single-output models");
        }
        ValueInfoProto input = index.inputs().get(0);
        String outputName = index.graph().getOutput(0).getName();
        if (index.isStructuralTensor(outputName) && !outputName.equals(input.getName())) {
            throw new IllegalArgumentException(
                    "model "
                            + model.name()
                            + ": output '"
                            + outputName
                            + "' does not depend on the input; there is nothing to partition");
        }
        ElementType inputType = inputType(model, input);
        ResolvedInput resolved = resolveInput(model, input, inputShapeOverride);

        Map<String, TensorFacts> facts =
                ShapeInference.run(
                        model, index, input, inputType, resolved.shape, resolved.batchName);

        Map<String, long[]> shapes = new HashMap<>();
        for (TensorProto init : index.graph().getInitializerList()) {
            shapes.put(
                    init.getName(),
                    init.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
        Map<String, TensorSpec> specs = new HashMap<>();
        Set<String> batchLeading = new HashSet<>();
        for (TensorFacts f : facts.values()) {
            shapes.put(f.name(), f.shape());
            Optional<TensorSpec> spec = toSpec(f);
            spec.ifPresent(s -> specs.put(s.name(), s));
            if (f.batchLeading()) {
                batchLeading.add(f.name());
            }
        }

        List<Integer> activation = index.activationNodes();
        List<NodeCost> costs = new ArrayList<>(activation.size());
        for (int pos = 0; pos < activation.size(); pos++) {
            int node = activation.get(pos);
            NodeProto proto = index.graph().getNode(node);
            costs.add(
                    new NodeCost(
                            pos,
                            index.nodeName(node),
                            proto.getOpType(),
                            MacCounter.macs(proto, shapes)));
        }
        List<Cut> prefixCuts = cuts(model.name(), index, input.getName(), outputName, specs, costs);
        ModelGraph graph = ModelGraphs.of(index, input.getName(), outputName, specs, costs);
        List<Cut> cuts = GeneralCuts.add(prefixCuts, graph);
        TensorSpec inputSpec = specs.get(input.getName());
        TensorSpec outputSpec = specs.get(outputName);
        return new ModelAnalysis(
                model.name(),
                inputSpec,
                outputSpec,
                resolved.batchName,
                index.graph().getNodeCount(),
                specs,
                batchLeading,
                costs,
                cuts,
                graph);
    }

    private static Optional<TensorSpec> toSpec(TensorFacts f) {
        Optional<ElementType> type = OnnxTypes.fromOnnxCode(f.onnxType());
        if (type.isEmpty() || Arrays.stream(f.shape()).anyMatch(d -> d <= 0)) {
            return Optional.empty();
        }
        return Optional.of(new TensorSpec(f.name(), type.get(), f.shape()));
    }

    private static ElementType inputType(OnnxModel model, ValueInfoProto input) {
        TypeProto type = input.getType();
        if (!type.hasTensorType()) {
            throw new IllegalArgumentException(
                    "model " + model.name() + " input '" + input.getName() + "' is not a tensor");
        }
        int code = type.getTensorType().getElemType();
        return OnnxTypes.fromOnnxCode(code)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "model "
                                                + model.name()
                                                + " input '"
                                                + input.getName()
                                                + "' has element type "
                                                + OnnxTypes.onnxName(code)
                                                + ", which edgesplit cannot carry"));
    }

    private record ResolvedInput(long[] shape, String batchName) {}

    private static ResolvedInput resolveInput(
            OnnxModel model, ValueInfoProto input, long[] override) {
        TypeProto.Tensor tensorType = input.getType().getTensorType();
        if (!tensorType.hasShape()) {
            if (override == null) {
                throw new IllegalArgumentException(
                        "model "
                                + model.name()
                                + " input '"
                                + input.getName()
                                + "' declares no shape; pass --input-shape, e.g. 1,3,224,224");
            }
            return new ResolvedInput(override.clone(), null);
        }
        List<TensorShapeProto.Dimension> dims = tensorType.getShape().getDimList();
        boolean symbolicBatch = !dims.isEmpty() && !isStatic(dims.get(0));
        List<Integer> otherDynamic = new ArrayList<>();
        for (int i = 1; i < dims.size(); i++) {
            if (!isStatic(dims.get(i))) {
                otherDynamic.add(i);
            }
        }
        String batchName = null;
        if (symbolicBatch) {
            String param = dims.get(0).getDimParam();
            batchName = param.isEmpty() ? "N" : param;
        }
        if (override == null) {
            if (!otherDynamic.isEmpty()) {
                throw new IllegalArgumentException(
                        "model "
                                + model.name()
                                + " has dynamic input dims "
                                + describe(dims)
                                + "; pass --input-shape, e.g. 1,3,224,224");
            }
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = i == 0 && symbolicBatch ? 1 : dims.get(i).getDimValue();
            }
            return new ResolvedInput(shape, batchName);
        }
        String given = InputShapes.format(override);
        if (override.length != dims.size()) {
            throw new IllegalArgumentException(
                    "--input-shape "
                            + given
                            + " has "
                            + override.length
                            + " dims but model "
                            + model.name()
                            + " input '"
                            + input.getName()
                            + "' has "
                            + dims.size()
                            + ": "
                            + describe(dims));
        }
        for (int i = 0; i < override.length; i++) {
            if (override[i] <= 0) {
                throw new IllegalArgumentException(
                        "--input-shape " + given + ": dimensions must be positive");
            }
            if (isStatic(dims.get(i)) && dims.get(i).getDimValue() != override[i]) {
                throw new IllegalArgumentException(
                        "--input-shape "
                                + given
                                + " does not match model "
                                + model.name()
                                + " input "
                                + describe(dims)
                                + " at dim "
                                + i);
            }
        }
        if (symbolicBatch && override[0] != 1) {
            throw new IllegalArgumentException(
                    "--input-shape "
                            + given
                            + ": use batch 1 (profiles and cuts are per frame; tails still accept"
                            + " batches)");
        }
        return new ResolvedInput(override.clone(), batchName);
    }

    private static boolean isStatic(TensorShapeProto.Dimension dim) {
        return dim.hasDimValue() && dim.getDimValue() > 0;
    }

    private static String describe(List<TensorShapeProto.Dimension> dims) {
        List<String> parts = new ArrayList<>();
        for (TensorShapeProto.Dimension d : dims) {
            if (isStatic(d)) {
                parts.add(Long.toString(d.getDimValue()));
            } else {
                parts.add(d.getDimParam().isEmpty() ? "?" : d.getDimParam());
            }
        }
        return "[" + String.join(",", parts) + "]";
    }

    private static List<Cut> cuts(
            String modelName,
            GraphIndex index,
            String inputName,
            String outputName,
            Map<String, TensorSpec> specs,
            List<NodeCost> costs) {
        int m = index.activationNodes().size();
        Liveness liveness = Liveness.of(index, inputName);
        long[] headMacs = headMacs(costs, m);
        long total = headMacs[m];

        List<Cut> cuts = new ArrayList<>();
        List<String> previous = null;
        for (int p = 0; p <= m; p++) {
            List<String> live = liveness.liveAt(p, outputName);
            boolean last = p == m;
            if (live.equals(previous) && !last) {
                continue;
            }
            List<TensorSpec> tensors = specsOf(live, specs);
            if (tensors == null) {
                if (p == 0 || last) {
                    throw new IllegalArgumentException(
                            "model "
                                    + modelName
                                    + ": the "
                                    + (p == 0 ? "input" : "output")
                                    + " has no static shape or an unsupported element type");
                }
                continue;
            }
            if (last && live.equals(previous)) {
                cuts.remove(cuts.size() - 1);
            }
            String label = label(p, last, costs);
            cuts.add(new Cut(cuts.size(), p, label, tensors, headMacs[p], total - headMacs[p]));
            previous = live;
        }
        requireInteriorCut(modelName, cuts, m);
        return cuts;
    }

    /**
     * Where each activation tensor is produced (position in the activation order, the input at 0)
     * and last used, in production order.
     */
    private record Liveness(Map<String, Integer> produced, Map<String, Integer> lastUse) {

        static Liveness of(GraphIndex index, String inputName) {
            List<Integer> activation = index.activationNodes();
            Map<String, Integer> produced = new LinkedHashMap<>();
            Map<String, Integer> lastUse = new HashMap<>();
            produced.put(inputName, 0);
            for (int pos = 0; pos < activation.size(); pos++) {
                int node = activation.get(pos);
                for (String in : index.nodeInputs(node)) {
                    if (index.isStructuralTensor(in)) {
                        for (String source : index.shapeSources(in)) {
                            lastUse.merge(source, pos, Math::max);
                        }
                    } else {
                        lastUse.merge(in, pos, Math::max);
                    }
                }
                for (String out : index.graph().getNode(node).getOutputList()) {
                    if (!out.isEmpty()) {
                        produced.put(out, pos + 1);
                    }
                }
            }
            return new Liveness(produced, lastUse);
        }

        /** The tensors live between position p - 1 and p: produced before, used at p or later. */
        List<String> liveAt(int p, String outputName) {
            List<String> live = new ArrayList<>();
            for (Map.Entry<String, Integer> e : produced.entrySet()) {
                String t = e.getKey();
                boolean used = lastUse.getOrDefault(t, -1) >= p;
                if (e.getValue() <= p && (used || t.equals(outputName))) {
                    live.add(t);
                }
            }
            return live;
        }
    }

    /** MACs of the first p activation nodes, for p = 0..m. */
    private static long[] headMacs(List<NodeCost> costs, int m) {
        long[] headMacs = new long[m + 1];
        for (int pos = 0; pos < m; pos++) {
            headMacs[pos + 1] = headMacs[pos] + costs.get(pos).macs();
        }
        return headMacs;
    }

    /** The specs of the live tensors, or null when one has no static shape. */
    private static List<TensorSpec> specsOf(List<String> live, Map<String, TensorSpec> specs) {
        List<TensorSpec> tensors = new ArrayList<>();
        for (String t : live) {
            TensorSpec spec = specs.get(t);
            if (spec == null) {
                return null;
            }
            tensors.add(spec);
        }
        return tensors;
    }

    private static String label(int p, boolean last, List<NodeCost> costs) {
        if (p == 0) {
            return "input";
        }
        if (last) {
            return "output";
        }
        NodeCost after = costs.get(p - 1);
        return "after " + after.name() + " (" + after.opType() + ")";
    }

    private static void requireInteriorCut(String modelName, List<Cut> cuts, int m) {
        if (cuts.size() < 3) {
            throw new IllegalArgumentException(
                    "model "
                            + modelName
                            + " has no valid interior cut ("
                            + m
                            + " activation node"
                            + (m == 1 ? "" : "s")
                            + "): nothing to split between device and edge");
        }
    }
}
