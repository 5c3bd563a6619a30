package io.edgesplit.onnx.testing;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.OnnxTypes;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Full models with chosen intermediates exposed as extra outputs, as test references. */
public final class ReferenceModels {

    private ReferenceModels() {}

    /** {@code model} with every tensor in {@code tensors} added as a graph output. */
    public static OnnxModel exposing(
            OnnxModel model, ModelAnalysis analysis, Collection<String> tensors) {
        GraphProto.Builder g = model.proto().getGraph().toBuilder();
        Set<String> outputs = new LinkedHashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (String name : tensors) {
            if (!outputs.add(name)) {
                continue;
            }
            TensorSpec spec = analysis.tensor(name).orElseThrow();
            long[] shape = spec.shape();
            TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
            for (int i = 0; i < shape.length; i++) {
                TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
                if (i == 0 && analysis.batchLeading(name)) {
                    d.setDimParam(analysis.batchDimName().orElseThrow());
                } else {
                    d.setDimValue(shape[i]);
                }
                dims.addDim(d);
            }
            g.addOutput(
                    ValueInfoProto.newBuilder()
                            .setName(name)
                            .setType(
                                    TypeProto.newBuilder()
                                            .setTensorType(
                                                    TypeProto.Tensor.newBuilder()
                                                            .setElemType(
                                                                    OnnxTypes.onnxCode(
                                                                            spec.elementType()))
                                                            .setShape(dims))));
        }
        return OnnxModel.of(
                model.proto().toBuilder().setGraph(g).build(), model.name() + "-reference");
    }
}
