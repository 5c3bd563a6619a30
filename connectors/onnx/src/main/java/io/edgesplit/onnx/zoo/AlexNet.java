package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * torchvision's {@code alexnet}: five convolutions, three max pools, three fully connected layers.
 * Dropout is an identity at inference and left out; so is the adaptive average pool, an identity at
 * 224x224 (pool5 is already 6x6).
 */
final class AlexNet {

    private AlexNet() {}

    static ModelProto build(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 224, 224);
        x = b.relu("relu1", b.conv("conv1", x, 64, 11, 4, 2, 1, RELU_GAIN));
        x = b.maxPool("pool1", x, 3, 2, 0);
        x = b.relu("relu2", b.conv("conv2", x, 192, 5, 1, 2, 1, RELU_GAIN));
        x = b.maxPool("pool2", x, 3, 2, 0);
        x = b.relu("relu3", b.conv("conv3", x, 384, 3, 1, 1, 1, RELU_GAIN));
        x = b.relu("relu4", b.conv("conv4", x, 256, 3, 1, 1, 1, RELU_GAIN));
        x = b.relu("relu5", b.conv("conv5", x, 256, 3, 1, 1, 1, RELU_GAIN));
        x = b.maxPool("pool5", x, 3, 2, 0);
        x = b.flatten("flatten", x);
        x = b.relu("relu6", b.gemm("fc6", x, 4096, RELU_GAIN));
        x = b.relu("relu7", b.gemm("fc7", x, 4096, RELU_GAIN));
        x = b.gemm("logits", x, 1000, LINEAR_GAIN);
        return b.build(x, "AlexNet (torchvision topology), deterministic random weights");
    }
}
