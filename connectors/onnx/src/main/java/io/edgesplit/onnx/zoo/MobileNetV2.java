package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * torchvision's {@code mobilenet_v2} (width 1.0): a 3x3 stride-2 stem, seventeen inverted residual
 * blocks (1x1 expansion, 3x3 depthwise, linear 1x1 projection, residual add where stride is 1 and
 * widths match), a 1x1 convolution to 1280 channels, global average pool and a fully connected
 * layer. ReLU6 is {@code Clip(0, 6)}; batch norm is folded into the convolutions.
 */
final class MobileNetV2 {

    /** Expansion t, output channels c, repeats n, first stride s (torchvision's table). */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1},
        {6, 24, 2, 2},
        {6, 32, 3, 2},
        {6, 64, 4, 2},
        {6, 96, 3, 1},
        {6, 160, 3, 2},
        {6, 320, 1, 1}
    };

    private MobileNetV2() {}

    static ModelProto build(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 224, 224);
        x = b.relu6("features.0.relu6", b.conv("features.0.conv", x, 32, 3, 2, 1, 1, RELU_GAIN));
        int index = 1;
        for (int[] s : SETTINGS) {
            for (int i = 0; i < s[2]; i++) {
                x = invertedResidual(b, "features." + index, x, s[1], i == 0 ? s[3] : 1, s[0]);
                index++;
            }
        }
        String last = "features." + index;
        x = b.relu6(last + ".relu6", b.conv(last + ".conv", x, 1280, 1, 1, 0, 1, RELU_GAIN));
        x = b.globalAveragePool("avgpool", x);
        x = b.flatten("flatten", x);
        x = b.gemm("logits", x, 1000, LINEAR_GAIN);
        return b.build(x, "MobileNetV2 (torchvision topology), deterministic random weights");
    }

    private static String invertedResidual(
            GraphBuilder b, String p, String x, long out, int stride, int expansion) {
        long in = b.shape(x)[1];
        long hidden = in * expansion;
        String y = x;
        if (expansion != 1) {
            y =
                    b.relu6(
                            p + ".expand_relu6",
                            b.conv(p + ".expand", y, hidden, 1, 1, 0, 1, RELU_GAIN));
        }
        y =
                b.relu6(
                        p + ".dw_relu6",
                        b.conv(p + ".dw", y, hidden, 3, stride, 1, (int) hidden, RELU_GAIN));
        y = b.conv(p + ".project", y, out, 1, 1, 0, 1, LINEAR_GAIN);
        return stride == 1 && in == out ? b.add(p + ".add", x, y) : y;
    }
}
