package io.edgesplit.onnx.zoo;

import static io.edgesplit.onnx.zoo.GraphBuilder.LINEAR_GAIN;
import static io.edgesplit.onnx.zoo.GraphBuilder.RELU_GAIN;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;

/**
 * torchvision's {@code densenet121} topology: a 7x7 stem and max pool, four dense blocks of 6, 12,
 * 24 and 16 layers, each layer reading the concatenation of every earlier feature map of its block
 * (ReLU, 1x1 bottleneck conv to 4·growth channels, ReLU, 3x3 conv to growth channels), transitions
 * (ReLU, 1x1 conv halving the channels, 2x2 average pool) between blocks, then ReLU, global average
 * pool and a fully connected layer. Batch norm is folded into the convolutions that follow it (an
 * approximation: in torchvision it sits before each ReLU). Every layer's Concat reads all earlier
 * outputs of its block, so the graph has hundreds of multi-consumer tensors: a many-branch DAG for
 * partitioning.
 *
 * <p>{@link #tiny} keeps the same graph (the same nodes and edges) with growth 4, 8 stem channels
 * and a 32x32 input, for tests.
 */
final class DenseNet {

    private static final int[] BLOCKS = {6, 12, 24, 16};

    private DenseNet() {}

    static ModelProto densenet121(String name, long seed) {
        return build(name, seed, 224, 64, 32, 1000, "DenseNet-121 (torchvision topology)");
    }

    static ModelProto tiny(String name, long seed) {
        return build(name, seed, 32, 8, 4, 10, "tiny-densenet: DenseNet-121 graph, growth 4");
    }

    private static ModelProto build(
            String name, long seed, int size, int stem, int growth, int classes, String doc) {
        GraphBuilder b = new GraphBuilder(name, seed);
        String x = b.input("input", 3, size, size);
        x = b.conv("conv0", x, stem, 7, 2, 3, 1, RELU_GAIN);
        x = b.maxPool("pool0", b.relu("relu0", x), 3, 2, 1);
        for (int block = 0; block < BLOCKS.length; block++) {
            x = denseBlock(b, "denseblock" + (block + 1), x, BLOCKS[block], growth);
            if (block < BLOCKS.length - 1) {
                String p = "transition" + (block + 1);
                long half = b.shape(x)[1] / 2;
                String y = b.conv(p + ".conv", b.relu(p + ".relu", x), half, 1, 1, 0, 1, RELU_GAIN);
                x = b.averagePool(p + ".pool", y, 2, 2);
            }
        }
        x = b.globalAveragePool("avgpool", b.relu("relu5", x));
        x = b.flatten("flatten", x);
        x = b.gemm("logits", x, classes, LINEAR_GAIN);
        return b.build(x, doc + ", deterministic random weights");
    }

    private static String denseBlock(GraphBuilder b, String p, String x, int layers, int growth) {
        String[] features = new String[layers + 1];
        features[0] = x;
        String in = x;
        for (int i = 0; i < layers; i++) {
            String l = p + ".denselayer" + (i + 1);
            String y =
                    b.conv(
                            l + ".conv1",
                            b.relu(l + ".relu1", in),
                            4L * growth,
                            1,
                            1,
                            0,
                            1,
                            RELU_GAIN);
            y = b.conv(l + ".conv2", b.relu(l + ".relu2", y), growth, 3, 1, 1, 1, RELU_GAIN);
            features[i + 1] = y;
            String[] all = Arrays.copyOf(features, i + 2);
            in = b.concat(l + ".concat", all);
        }
        return in;
    }
}
