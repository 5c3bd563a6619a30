package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.onnx.runtime.OrtEnvironments;
import io.edgesplit.onnx.runtime.OrtErrors;
import io.edgesplit.onnx.runtime.OrtTensors;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Learns the shape and element type of every intermediate tensor by running the model once in ONNX
 * Runtime with all node outputs exposed as graph outputs, on an all-zero input.
 *
 * <p>This works for any model ONNX Runtime can run, including ops whose output shape depends on
 * computed values (PyTorch's {@code Shape -> Concat -> Reshape}), at the cost of one inference.
 * Whether dimension 0 of a tensor is the batch dimension comes from ONNX Runtime's symbolic shape
 * inference (the output's declared dimension is the symbolic one); where that is unknown, a
 * dimension 0 of size 1 in a symbolic-batch model is taken as the batch dimension. Shapes that
 * depend on input values (e.g. {@code NonZero}) reflect the zero input.
 */
final class ShapeInference {

    private ShapeInference() {}

    static Map<String, TensorFacts> run(
            OnnxModel model,
            GraphIndex index,
            ValueInfoProto input,
            ElementType inputType,
            long[] inputShape,
            String batchName) {
        GraphProto graph = model.proto().getGraph();
        GraphProto.Builder g = graph.toBuilder().clearOutput();
        Set<String> exposed = new LinkedHashSet<>();
        for (ValueInfoProto out : graph.getOutputList()) {
            exposed.add(out.getName());
            g.addOutput(out);
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                if (!out.isEmpty() && exposed.add(out)) {
                    g.addOutput(ValueInfoProto.newBuilder().setName(out));
                }
            }
        }
        if (batchName != null) {
            for (int i = 0; i < g.getInputCount(); i++) {
                if (g.getInput(i).getName().equals(input.getName())) {
                    ValueInfoProto.Builder in = g.getInputBuilder(i);
                    TensorShapeProto.Dimension.Builder dim0 =
                            in.getTypeBuilder()
                                    .getTensorTypeBuilder()
                                    .getShapeBuilder()
                                    .getDimBuilder(0);
                    dim0.clearDimValue().setDimParam(batchName);
                }
            }
        }
        byte[] bytes = model.proto().toBuilder().setGraph(g).build().toByteArray();

        OrtEnvironment env = OrtEnvironments.get();
        Map<String, TensorFacts> facts = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            // one run only: packing weights for fast GEMMs would cost more than it saves
            options.addConfigEntry("session.disable_prepacking", "1");
            try (OrtSession session = env.createSession(bytes, options);
                    OnnxTensor zeros = OrtTensors.zeros(env, inputType, inputShape);
                    OrtSession.Result result = session.run(Map.of(input.getName(), zeros))) {
                Map<String, NodeInfo> declared = session.getOutputInfo();
                for (String name : exposed) {
                    OnnxValue value = result.get(name).orElse(null);
                    if (value instanceof OnnxTensor tensor) {
                        TensorInfo info = tensor.getInfo();
                        long[] shape = info.getShape();
                        boolean batchLeading =
                                batchName != null
                                        && shape.length > 0
                                        && shape[0] == 1
                                        && dim0Dynamic(declared.get(name));
                        facts.put(
                                name,
                                new TensorFacts(
                                        name,
                                        OrtTensors.onnxCode(info.onnxType),
                                        shape,
                                        batchLeading));
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "model "
                            + model.name()
                            + " cannot be run by ONNX Runtime to infer tensor shapes: "
                            + OrtErrors.firstLine(e.getMessage()),
                    e);
        }
        long[] shape = inputShape.clone();
        facts.put(
                input.getName(),
                new TensorFacts(
                        input.getName(), OnnxTypes.onnxCode(inputType), shape, batchName != null));
        return facts;
    }

    private static boolean dim0Dynamic(NodeInfo declared) {
        if (declared == null || !(declared.getInfo() instanceof TensorInfo info)) {
            return true;
        }
        long[] shape = info.getShape();
        return shape.length == 0 || shape[0] < 0;
    }
}
