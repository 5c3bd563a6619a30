package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * torchvision's {@code resnet18}: a 7x7 stem and max pool, four stages of two basic blocks (3x3
 * conv, ReLU, 3x3 conv, residual add, ReLU), a 1x1 stride-2 projection on the shortcut where the
 * shape changes, global average pool and a fully connected layer. Batch norm is folded into the
 * convolutions. Stage outputs are the tensors {@code layerK.1.relu2}.
 */
final class ResNet18 {

    private static final int[] WIDTHS = {64, 128, 256, 512};

    private ResNet18() {}

    static ModelProto build(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 224, 224);
        x = b.relu("relu", b.conv("conv1", x, 64, 7, 2, 3, 1, RELU_GAIN));
        x = b.maxPool("maxpool", x, 3, 2, 1);
        for (int layer = 0; layer < WIDTHS.length; layer++) {
            for (int block = 0; block < 2; block++) {
                int stride = layer > 0 && block == 0 ? 2 : 1;
                x = basicBlock(b, "layer" + (layer + 1) + "." + block, x, WIDTHS[layer], stride);
            }
        }
        x = b.globalAveragePool("avgpool", x);
        x = b.flatten("flatten", x);
        x = b.gemm("logits", x, 1000, LINEAR_GAIN);
        return b.build(x, "ResNet-18 (torchvision topology), deterministic random weights");
    }

    static String basicBlock(GraphBuilder b, String p, String x, long width, int stride) {
        String y = b.relu(p + ".relu1", b.conv(p + ".conv1", x, width, 3, stride, 1, 1, RELU_GAIN));
        y = b.conv(p + ".conv2", y, width, 3, 1, 1, 1, LINEAR_GAIN);
        String shortcut = x;
        if (stride != 1 || b.shape(x)[1] != width) {
            shortcut = b.conv(p + ".downsample", x, width, 1, stride, 0, 1, LINEAR_GAIN);
        }
        return b.relu(p + ".relu2", b.add(p + ".add", y, shortcut));
    }
}
