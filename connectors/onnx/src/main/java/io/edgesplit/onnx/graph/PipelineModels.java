package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.pipeline.LayerFacts;
import io.edgesplit.core.pipeline.PipelineModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline planner's view of an ONNX model: the analysis' {@link
 * io.edgesplit.core.graph.ModelGraph} plus, per activation node, how its output rows map to its
 * input rows (kernel, stride, top padding and dilation of convolutions and pooling along the
 * height; element-wise and channel-wise ops map rows one to one; everything else is whole) and the
 * bytes of the initializers it reads.
 */
public final class PipelineModels {

    /** Operators whose output row r depends only on input row r. */
    private static final Set<String> ROW_WISE =
            Set.of(
                    "Relu",
                    "Clip",
                    "BatchNormalization",
                    "Add",
                    "Sub",
                    "Mul",
                    "Div",
                    "Sum",
                    "Sigmoid",
                    "LeakyRelu",
                    "HardSigmoid",
                    "HardSwish",
                    "Tanh",
                    "Dropout",
                    "Identity",
                    "LRN",
                    "PRelu",
                    "Elu",
                    "Selu",
                    "Neg",
                    "Abs",
                    "Sqrt",
                    "Max",
                    "Min");

    /** Sliding-window operators. */
    private static final Set<String> WINDOWS = Set.of("Conv", "MaxPool", "AveragePool");

    private PipelineModels() {}

    /** The planner's model of {@code model}, analysed as {@code analysis}. */
    public static PipelineModel of(OnnxModel model, ModelAnalysis analysis) {
        GraphIndex index = GraphIndex.of(model);
        Map<String, Long> initializerBytes = new HashMap<>();
        for (TensorProto t : index.graph().getInitializerList()) {
            long elements = 1;
            for (long d : t.getDimsList()) {
                elements *= d;
            }
            int bytes = OnnxTypes.fromOnnxCode(t.getDataType()).map(ElementType::bytes).orElse(4);
            initializerBytes.put(t.getName(), elements * bytes);
        }
        List<LayerFacts> facts = new ArrayList<>();
        for (int node : index.activationNodes()) {
            NodeProto proto = index.graph().getNode(node);
            long weights = 0;
            for (String in : proto.getInputList()) {
                weights += initializerBytes.getOrDefault(in, 0L);
            }
            facts.add(facts(proto, analysis, weights));
        }
        return PipelineModel.of(analysis.graph(), facts);
    }

    static LayerFacts facts(NodeProto node, ModelAnalysis analysis, long weights) {
        String op = node.getOpType();
        if (!GraphIndex.isDefaultDomain(node)) {
            return LayerFacts.whole(weights);
        }
        if (ROW_WISE.contains(op)) {
            return LayerFacts.identity(weights);
        }
        if (op.equals("Concat")) {
            long axis = intAttribute(node, "axis", 0);
            return axis == 1 || axis == -3
                    ? LayerFacts.identity(weights)
                    : LayerFacts.whole(weights);
        }
        if (!WINDOWS.contains(op)) {
            return LayerFacts.whole(weights);
        }
        List<Long> kernel = ints(node, "kernel_shape");
        if (kernel.size() != 2 && op.equals("Conv")) {
            kernel = weightKernel(node, analysis);
        }
        if (kernel.size() != 2) {
            return LayerFacts.whole(weights);
        }
        int k = kernel.get(0).intValue();
        int stride = first(ints(node, "strides"), 1);
        int dilation = first(ints(node, "dilations"), 1);
        int padTop = padTop(node, analysis, k, stride, dilation);
        return LayerFacts.window(k, stride, padTop, dilation, weights);
    }

    private static int padTop(NodeProto node, ModelAnalysis analysis, int k, int s, int d) {
        String autoPad = stringAttribute(node, "auto_pad");
        if (autoPad.isEmpty() || autoPad.equals("NOTSET") || autoPad.equals("VALID")) {
            return autoPad.equals("VALID") ? 0 : first(ints(node, "pads"), 0);
        }
        long h =
                analysis.tensor(node.getInput(0))
                        .map(TensorSpec::shape)
                        .filter(shape -> shape.length == 4)
                        .map(shape -> shape[2])
                        .orElse(0L);
        long out = (h + s - 1) / s;
        long total = Math.max(0, (out - 1) * s + (long) (k - 1) * d + 1 - h);
        return (int) (autoPad.equals("SAME_LOWER") ? (total + 1) / 2 : total / 2);
    }

    private static List<Long> weightKernel(NodeProto node, ModelAnalysis analysis) {
        // Conv without kernel_shape: the weight's spatial dims, if its shape is known
        return analysis.tensor(node.getInput(1))
                .map(TensorSpec::shape)
                .filter(w -> w.length == 4)
                .map(w -> List.of(w[2], w[3]))
                .orElse(List.of());
    }

    private static int first(List<Long> values, int fallback) {
        return values.isEmpty() ? fallback : values.get(0).intValue();
    }

    private static List<Long> ints(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList();
            }
        }
        return List.of();
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    private static String stringAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return "";
    }
}
