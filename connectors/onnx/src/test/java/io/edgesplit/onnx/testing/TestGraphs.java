package io.edgesplit.onnx.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.edgesplit.onnx.graph.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Hand-built ONNX graphs for tests, including what PyTorch's exporter produces. */
public final class TestGraphs {

    private TestGraphs() {}

    /** A float tensor type; a dimension is a dim_param when given as a String, else a value. */
    public static ValueInfoProto tensor(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String param) {
                dim.setDimParam(param);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(
                        TypeProto.newBuilder()
                                .setTensorType(
                                        TypeProto.Tensor.newBuilder()
                                                .setElemType(elemType)
                                                .setShape(shape)))
                .build();
    }

    /** A float tensor type. */
    public static ValueInfoProto floats(String name, Object... dims) {
        return tensor(name, TensorProto.DataType.FLOAT_VALUE, dims);
    }

    /** A float initializer with seeded uniform values in [-bound, bound). */
    public static TensorProto randomFloats(String name, long seed, float bound, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        ByteBuffer bytes =
                ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            bytes.putFloat((float) ((random.nextDouble() * 2 - 1) * bound));
        }
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An int64 tensor (1-D, or a scalar when {@code scalar}). */
    public static TensorProto int64s(String name, boolean scalar, long... values) {
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(TensorProto.DataType.INT64_VALUE);
        if (!scalar) {
            t.addDims(values.length);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    /** A node whose (first) output is {@code output}. */
    public static NodeProto.Builder node(String op, String output, String... inputs) {
        NodeProto.Builder n =
                NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n;
    }

    /** A Constant node holding {@code value}. */
    public static NodeProto constant(String output, TensorProto value) {
        return node("Constant", output)
                .addAttribute(
                        AttributeProto.newBuilder()
                                .setName("value")
                                .setType(AttributeProto.AttributeType.TENSOR)
                                .setT(value))
                .build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder()
                        .setName(name)
                        .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    /** A model around {@code graph} at the given opset. */
    public static OnnxModel model(String name, GraphProto graph, int opset, long irVersion) {
        ModelProto proto =
                ModelProto.newBuilder()
                        .setIrVersion(irVersion)
                        .setProducerName("pytorch")
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                        .setGraph(graph)
                        .build();
        return OnnxModel.of(proto, name);
    }

    /** A model with one Relu node: no interior cut. */
    public static OnnxModel singleRelu() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("single")
                        .addInput(floats("x", "N", 4))
                        .addNode(node("Relu", "y", "x"))
                        .addOutput(floats("y", "N", 4))
                        .build();
        return model("single-relu", graph, 17, 8);
    }

    /** A conv + relu + conv model whose input has dynamic height and width. */
    public static OnnxModel dynamicImage() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("dynamic")
                        .addInput(floats("image", "N", 3, "H", "W"))
                        .addInitializer(randomFloats("w1", 1, 0.5f, 4, 3, 3, 3))
                        .addInitializer(randomFloats("w2", 2, 0.5f, 2, 4, 1, 1))
                        .addNode(
                                node("Conv", "c1", "image", "w1")
                                        .addAttribute(ints("pads", 1, 1, 1, 1)))
                        .addNode(node("Relu", "r1", "c1"))
                        .addNode(node("Conv", "c2", "r1", "w2"))
                        .addOutput(floats("c2", "N", 2, "H", "W"))
                        .build();
        return model("dynamic-image", graph, 17, 8);
    }
}
