package io.edgesplit.onnx.zoo;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the zoo's ONNX graphs layer by layer, tracking batch-1 shapes (NCHW) so weights get the
 * right dimensions. Batch normalization is folded into the convolution (weights and bias), as in
 * deployment exports. Weights are He-uniform: a gain of sqrt(2) for layers followed by a ReLU and 1
 * for linear ones keeps activations in a stable range through the depth of the network.
 */
final class GraphBuilder {

    static final int OPSET = 17;
    static final long IR_VERSION = 8;
    static final String BATCH = "N";
    static final float RELU_GAIN = (float) Math.sqrt(2);
    static final float LINEAR_GAIN = 1f;
    private static final float BIAS_BOUND = 0.01f;

    private final String modelName;
    private final long seed;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, long[]> shapes = new HashMap<>();
    private String relu6Min;
    private String relu6Max;

    GraphBuilder(String modelName, long seed) {
        this.modelName = modelName;
        this.seed = seed;
        graph.setName(modelName);
    }

    /** Declares the image input [N, channels, height, width] with a symbolic batch dimension. */
    String input(String name, long channels, long height, long width) {
        graph.addInput(valueInfo(name, channels, height, width));
        shapes.put(name, new long[] {1, channels, height, width});
        return name;
    }

    long[] shape(String tensor) {
        return shapes.get(tensor).clone();
    }

    /** Convolution with folded batch-norm bias; square kernel. */
    String conv(
            String name,
            String x,
            long outChannels,
            int kernel,
            int stride,
            int pad,
            int group,
            float gain) {
        long[] in = shapes.get(x);
        long inPerGroup = in[1] / group;
        long fanIn = inPerGroup * kernel * kernel;
        String w =
                weight(
                        name + ".weight",
                        new long[] {outChannels, inPerGroup, kernel, kernel},
                        heBound(fanIn, gain));
        String b = weight(name + ".bias", new long[] {outChannels}, BIAS_BOUND);
        NodeProto.Builder node =
                node("Conv", name, x, w, b)
                        .addAttribute(ints("kernel_shape", kernel, kernel))
                        .addAttribute(ints("strides", stride, stride))
                        .addAttribute(ints("pads", pad, pad, pad, pad))
                        .addAttribute(ints("dilations", 1, 1))
                        .addAttribute(integer("group", group));
        graph.addNode(node);
        long h = (in[2] + 2L * pad - kernel) / stride + 1;
        long wd = (in[3] + 2L * pad - kernel) / stride + 1;
        shapes.put(name, new long[] {1, outChannels, h, wd});
        return name;
    }

    String relu(String name, String x) {
        graph.addNode(node("Relu", name, x));
        shapes.put(name, shapes.get(x));
        return name;
    }

    /** ReLU6 as PyTorch exports it: Clip with min 0 and max 6 initializers (shared). */
    String relu6(String name, String x) {
        if (relu6Min == null) {
            relu6Min = scalar("relu6.min", 0f);
            relu6Max = scalar("relu6.max", 6f);
        }
        graph.addNode(node("Clip", name, x, relu6Min, relu6Max));
        shapes.put(name, shapes.get(x));
        return name;
    }

    String maxPool(String name, String x, int kernel, int stride, int pad) {
        graph.addNode(
                node("MaxPool", name, x)
                        .addAttribute(ints("kernel_shape", kernel, kernel))
                        .addAttribute(ints("strides", stride, stride))
                        .addAttribute(ints("pads", pad, pad, pad, pad)));
        long[] in = shapes.get(x);
        long h = (in[2] + 2L * pad - kernel) / stride + 1;
        long w = (in[3] + 2L * pad - kernel) / stride + 1;
        shapes.put(name, new long[] {1, in[1], h, w});
        return name;
    }

    /** Average pool without padding (DenseNet's transitions). */
    String averagePool(String name, String x, int kernel, int stride) {
        graph.addNode(
                node("AveragePool", name, x)
                        .addAttribute(ints("kernel_shape", kernel, kernel))
                        .addAttribute(ints("strides", stride, stride)));
        long[] in = shapes.get(x);
        long h = (in[2] - kernel) / stride + 1;
        long w = (in[3] - kernel) / stride + 1;
        shapes.put(name, new long[] {1, in[1], h, w});
        return name;
    }

    /** Concatenation along the channel axis. */
    String concat(String name, String... xs) {
        NodeProto.Builder node = node("Concat", name, xs).addAttribute(integer("axis", 1));
        graph.addNode(node);
        long[] shape = shapes.get(xs[0]).clone();
        shape[1] = 0;
        for (String x : xs) {
            shape[1] += shapes.get(x)[1];
        }
        shapes.put(name, shape);
        return name;
    }

    String globalAveragePool(String name, String x) {
        graph.addNode(node("GlobalAveragePool", name, x));
        long[] in = shapes.get(x);
        shapes.put(name, new long[] {1, in[1], 1, 1});
        return name;
    }

    String flatten(String name, String x) {
        graph.addNode(node("Flatten", name, x).addAttribute(integer("axis", 1)));
        long[] in = shapes.get(x);
        long features = 1;
        for (int i = 1; i < in.length; i++) {
            features *= in[i];
        }
        shapes.put(name, new long[] {1, features});
        return name;
    }

    /** Fully connected layer (PyTorch Linear): Gemm with transB=1, weight [out, in]. */
    String gemm(String name, String x, long outFeatures, float gain) {
        long inFeatures = shapes.get(x)[1];
        String w =
                weight(
                        name + ".weight",
                        new long[] {outFeatures, inFeatures},
                        heBound(inFeatures, gain));
        String b = weight(name + ".bias", new long[] {outFeatures}, BIAS_BOUND);
        graph.addNode(node("Gemm", name, x, w, b).addAttribute(integer("transB", 1)));
        shapes.put(name, new long[] {1, outFeatures});
        return name;
    }

    String add(String name, String a, String b) {
        graph.addNode(node("Add", name, a, b));
        shapes.put(name, shapes.get(a));
        return name;
    }

    /** Finishes the model with {@code tensor} as its only output ([N, features]). */
    ModelProto build(String output, String docString) {
        long[] shape = shapes.get(output);
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int i = 1; i < shape.length; i++) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i]));
        }
        graph.addOutput(
                ValueInfoProto.newBuilder()
                        .setName(output)
                        .setType(
                                TypeProto.newBuilder()
                                        .setTensorType(
                                                TypeProto.Tensor.newBuilder()
                                                        .setElemType(
                                                                TensorProto.DataType.FLOAT_VALUE)
                                                        .setShape(dims))));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("edgesplit")
                .setProducerVersion("0.1")
                .setModelVersion(1)
                .setDocString(docString)
                .setGraph(graph)
                .build();
    }

    private static float heBound(long fanIn, float gain) {
        // uniform(-a, a) has variance a^2 / 3; He: variance = gain^2 / fanIn
        return (float) (gain * Math.sqrt(3.0 / fanIn));
    }

    private String weight(String name, long[] dims, float bound) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        ByteString data =
                Weights.uniform(seed, modelName + "/" + name, Math.toIntExact(count), bound);
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .setRawData(data);
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private String scalar(String name, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        graph.addInitializer(
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    private static NodeProto.Builder node(String op, String name, String... inputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(name);
        for (String in : inputs) {
            node.addInput(in);
        }
        return node;
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder()
                        .setName(name)
                        .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    private static ValueInfoProto valueInfo(String name, long channels, long height, long width) {
        TensorShapeProto.Builder dims =
                TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channels))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(height))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(
                        TypeProto.newBuilder()
                                .setTensorType(
                                        TypeProto.Tensor.newBuilder()
                                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                                .setShape(dims)))
                .build();
    }
}
