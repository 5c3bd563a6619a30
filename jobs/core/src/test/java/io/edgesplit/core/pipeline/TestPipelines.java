package io.edgesplit.core.pipeline;

import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small conv-net models and device networks for the planner's tests and benchmarks. */
public final class TestPipelines {

    private TestPipelines() {}

    /** A chain model under construction: conv/pool layers on NCHW tensors, then a classifier. */
    public static final class Chain {
        private final ModelGraph.Builder graph;
        private final List<LayerFacts> facts = new ArrayList<>();
        private String last = "input";
        private long c;
        private long h;
        private int count;

        public Chain(String id, long channels, long height) {
            graph = ModelGraph.builder(id).input(spec("input", channels, height));
            c = channels;
            h = height;
        }

        /** A k×k convolution with {@code out} channels (same width as height). */
        public Chain conv(long out, int k, int stride, int pad) {
            long oh = (h + 2L * pad - k) / stride + 1;
            long macs = out * oh * oh * c * k * k;
            add(
                    "Conv",
                    macs,
                    spec("t" + count, out, oh),
                    LayerFacts.window(k, stride, pad, 1, 4 * out * c * k * k));
            c = out;
            h = oh;
            return this;
        }

        public Chain relu() {
            add("Relu", 0, spec("t" + count, c, h), LayerFacts.identity(0));
            return this;
        }

        public Chain maxPool(int k, int stride) {
            long oh = (h - k) / stride + 1;
            add("MaxPool", 0, spec("t" + count, c, oh), LayerFacts.window(k, stride, 0, 1, 0));
            h = oh;
            return this;
        }

        /** Global average pooling and a fully connected layer to {@code classes}. */
        public Chain classifier(long classes) {
            add(
                    "GlobalAveragePool",
                    0,
                    new TensorSpec("t" + count, ElementType.FLOAT, new long[] {1, c, 1, 1}),
                    LayerFacts.whole(0));
            add(
                    "Gemm",
                    c * classes,
                    new TensorSpec("t" + count, ElementType.FLOAT, new long[] {1, classes}),
                    LayerFacts.whole(4 * c * classes));
            return this;
        }

        private void add(String op, long macs, TensorSpec out, LayerFacts f) {
            graph.node(op + count, op, macs, List.of(last), List.of(out.name())).spec(out);
            facts.add(f);
            last = out.name();
            count++;
        }

        public PipelineModel build() {
            return PipelineModel.of(graph.output(last).build(), facts);
        }
    }

    static TensorSpec spec(String name, long c, long h) {
        return new TensorSpec(name, ElementType.FLOAT, new long[] {1, c, h, h});
    }

    /** A VGG-like chain at 64×64 (4 blocks of 2 convs and a pool, then a classifier). */
    public static PipelineModel vggLike() {
        Chain m = new Chain("vgg-like", 3, 64);
        long ch = 16;
        for (int b = 0; b < 4; b++) {
            m.conv(ch, 3, 1, 1).relu().conv(ch, 3, 1, 1).relu().maxPool(2, 2);
            ch *= 2;
        }
        return m.classifier(10).build();
    }

    /** A random chain of 4..10 conv layers (3×3 or 1×1, some strided) at 32..96 rows. */
    public static PipelineModel randomChain(SplittableRandom r, String id) {
        Chain m = new Chain(id, 3, 32 + 16 * r.nextInt(5));
        int layers = 4 + r.nextInt(7);
        for (int i = 0; i < layers; i++) {
            long out = 8L << r.nextInt(4);
            boolean three = r.nextInt(3) > 0;
            m.conv(out, three ? 3 : 1, r.nextInt(4) == 0 ? 2 : 1, three ? 1 : 0).relu();
        }
        return m.classifier(10).build();
    }

    private static final List<String> TYPES =
            List.of("jetson-nano", "jetson-tx2", "jetson-xavier-nx", "jetson-agx-orin");

    /** {@code n} random Jetsons on a LAN of 20 Mbit/s..1 Gbit/s; memory 64 MB..8 GB. */
    public static DeviceNetwork randomNetwork(SplittableRandom r, int n) {
        DeviceNetwork.Builder b = DeviceNetwork.builder();
        for (int d = 0; d < n; d++) {
            String type = TYPES.get(r.nextInt(TYPES.size()));
            long memory = (64L << 20) << r.nextInt(8);
            b.device(new NetDevice("d" + d, DeviceProfiles.builtin(type), memory));
        }
        double bps = 20e6 * Math.pow(50, r.nextDouble());
        return b.lan(bps, 0.0005).build();
    }
}
