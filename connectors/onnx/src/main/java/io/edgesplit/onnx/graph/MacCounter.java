package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Map;

/**
 * Multiply-accumulates of one node from the shapes of its inputs and outputs.
 *
 * <ul>
 *   <li>{@code Conv}: output elements x (input channels / group) x kernel area, so grouped and
 *       depthwise convolutions cost 1/group of a dense one;
 *   <li>{@code ConvTranspose}: input elements x (output channels / group) x kernel area;
 *   <li>{@code Gemm}: M x N x K;
 *   <li>{@code MatMul}: output elements x the shared dimension K.
 * </ul>
 *
 * Every other operator counts 0: element-wise ops, pooling, normalization and data movement are
 * memory-bound and small next to the matrix products in the networks edgesplit partitions.
 */
public final class MacCounter {

    private MacCounter() {}

    /** MACs of {@code node}; {@code shapes} holds the shapes of its inputs and outputs. */
    public static long macs(NodeProto node, Map<String, long[]> shapes) {
        if (!GraphIndex.isDefaultDomain(node)) {
            return 0;
        }
        return switch (node.getOpType()) {
            case "Conv" -> conv(node, shapes);
            case "ConvTranspose" -> convTranspose(node, shapes);
            case "Gemm" -> gemm(node, shapes);
            case "MatMul" -> matMul(node, shapes);
            default -> 0;
        };
    }

    private static long conv(NodeProto node, Map<String, long[]> shapes) {
        return timesWeightSlice(shapes.get(node.getOutput(0)), shapes.get(node.getInput(1)));
    }

    private static long convTranspose(NodeProto node, Map<String, long[]> shapes) {
        return timesWeightSlice(shapes.get(node.getInput(0)), shapes.get(node.getInput(1)));
    }

    /**
     * Elements of {@code x} times one slice of the weight {@code w} (every dimension but the
     * first): the MACs of a (transposed) convolution, from its output (input) side.
     */
    private static long timesWeightSlice(long[] x, long[] w) {
        if (x == null || w == null || w.length < 2) {
            return 0;
        }
        long slice = 1;
        for (int i = 1; i < w.length; i++) {
            slice *= w[i];
        }
        return elements(x) * slice;
    }

    private static long gemm(NodeProto node, Map<String, long[]> shapes) {
        long[] a = shapes.get(node.getInput(0));
        long[] out = shapes.get(node.getOutput(0));
        if (a == null || out == null || a.length != 2) {
            return 0;
        }
        long k = intAttribute(node, "transA") == 1 ? a[0] : a[1];
        return elements(out) * k;
    }

    private static long matMul(NodeProto node, Map<String, long[]> shapes) {
        long[] a = shapes.get(node.getInput(0));
        long[] out = shapes.get(node.getOutput(0));
        if (a == null || out == null || a.length == 0) {
            return 0;
        }
        return elements(out) * a[a.length - 1];
    }

    private static long intAttribute(NodeProto node, String name) {
        for (AttributeProto attr : node.getAttributeList()) {
            if (attr.getName().equals(name)) {
                return attr.getI();
            }
        }
        return 0;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
