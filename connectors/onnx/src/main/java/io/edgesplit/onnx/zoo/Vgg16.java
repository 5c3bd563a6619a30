package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * torchvision's {@code vgg16} (configuration D, no batch norm): thirteen 3x3 convolutions in five
 * stages, each stage closed by a 2x2 max pool, then three fully connected layers. Dropout and the
 * (identity at 224x224) adaptive average pool are left out.
 */
final class Vgg16 {

    private static final int[][] STAGES = {
        {64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}
    };

    private Vgg16() {}

    static ModelProto build(String name, long seed) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, 224, 224);
        for (int s = 0; s < STAGES.length; s++) {
            for (int c = 0; c < STAGES[s].length; c++) {
                String id = (s + 1) + "_" + (c + 1);
                x =
                        b.relu(
                                "relu" + id,
                                b.conv("conv" + id, x, STAGES[s][c], 3, 1, 1, 1, RELU_GAIN));
            }
            x = b.maxPool("pool" + (s + 1), x, 2, 2, 0);
        }
        x = b.flatten("flatten", x);
        x = b.relu("relu6", b.gemm("fc6", x, 4096, RELU_GAIN));
        x = b.relu("relu7", b.gemm("fc7", x, 4096, RELU_GAIN));
        x = b.gemm("logits", x, 1000, LINEAR_GAIN);
        return b.build(x, "VGG-16 (torchvision topology), deterministic random weights");
    }
}
