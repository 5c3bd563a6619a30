package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * Small models for tests and quick demos (32x32 input, 10 classes): a plain chain and a residual
 * network with an identity and a projection shortcut (both run in well under a millisecond), and a
 * two-branch network whose best device/edge split is not a prefix of its topological order.
 */
final class TinyModels {

    private TinyModels() {}

    /** conv-relu, conv-relu, max pool, global average pool, flatten, gemm. */
    static ModelProto chain(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 32, 32);
        x = b.relu("relu1", b.conv("conv1", x, 8, 3, 2, 1, 1, RELU_GAIN));
        x = b.relu("relu2", b.conv("conv2", x, 16, 3, 1, 1, 1, RELU_GAIN));
        x = b.maxPool("pool", x, 2, 2, 0);
        x = b.globalAveragePool("avgpool", x);
        x = b.flatten("flatten", x);
        x = b.gemm("logits", x, 10, LINEAR_GAIN);
        return b.build(x, "tiny-chain: a small chain network for tests and demos");
    }

    /** A stem and two ResNet basic blocks (identity, then projection shortcut), then a head. */
    static ModelProto residual(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 32, 32);
        x = b.relu("relu", b.conv("conv1", x, 8, 3, 2, 1, 1, RELU_GAIN));
        x = ResNet18.basicBlock(b, "block1", x, 8, 1);
        x = ResNet18.basicBlock(b, "block2", x, 16, 2);
        x = b.globalAveragePool("avgpool", x);
        x = b.flatten("flatten", x);
        x = b.gemm("logits", x, 10, LINEAR_GAIN);
        return b.build(x, "tiny-residual: a small residual network for tests and demos");
    }

    /**
     * Two branches read the input: branch A reduces it (1x1 conv, stride 2) and widens it cheaply
     * (1x1 conv to 32 channels), branch B reduces it the same way; a concat feeds two 3x3 convs
     * (about 48M MACs) and the classifier. The node order puts A's widening conv before B's conv,
     * so every prefix that runs both reductions on the device also runs the widening and sends its
     * 32 KB output; the device side {reduce A, reduce B} sends 8 KB instead of the 12 KB input, a
     * general (DAG) cut that no prefix has. It is the best split at uplinks of roughly 50 Mbit/s
     * and more on a Jetson-class device (docs/partitioning.md).
     */
    static ModelProto branches(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 32, 32);
        String a = b.conv("reduce_a", x, 4, 1, 2, 0, 1, LINEAR_GAIN);
        String wide = b.relu("widen_relu", b.conv("widen", a, 32, 1, 1, 0, 1, RELU_GAIN));
        String r = b.conv("reduce_b", x, 4, 1, 2, 0, 1, LINEAR_GAIN);
        String y = b.concat("concat", wide, r);
        y = b.relu("relu1", b.conv("conv1", y, 128, 3, 1, 1, 1, RELU_GAIN));
        y = b.relu("relu2", b.conv("conv2", y, 128, 3, 1, 1, 1, RELU_GAIN));
        y = b.globalAveragePool("avgpool", y);
        y = b.flatten("flatten", y);
        y = b.gemm("logits", y, 10, LINEAR_GAIN);
        return b.build(y, "tiny-branches: a two-branch network with a non-prefix best cut");
    }
}
