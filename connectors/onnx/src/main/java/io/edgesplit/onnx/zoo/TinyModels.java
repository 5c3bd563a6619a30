package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * Two small models for tests and quick demos (32x32 input, 10 classes, run in well under a
 * millisecond): a plain chain and a residual network with an identity and a projection shortcut.
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
}
