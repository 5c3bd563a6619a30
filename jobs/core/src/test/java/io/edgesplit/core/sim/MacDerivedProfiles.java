package io.edgesplit.core.sim;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Model profiles derived from the architectures alone: activation sizes from the layer shapes and
 * MACs from the published layer definitions (convolutions and fully connected layers; BN, ReLU and
 * pooling count as 0 MACs). No latency is measured ({@code headMs}/{@code tailMs} are NaN), so
 * costs come from MACs and the device/edge speeds. Cuts are at block boundaries, where the model is
 * a chain. The lead replaces these with measured profiles from {@code edgesplit profile}.
 */
public final class MacDerivedProfiles {

    private MacDerivedProfiles() {}

    /** ResNet-18 (224×224): 1,814,073,344 MACs, 13 cuts. */
    public static ModelProfile resnet18() {
        Chain c = new Chain("resnet18-macs", 3, 224, 224);
        c.conv(3, 64, 7, 112).cut("conv1", 64, 112, 112);
        c.cut("maxpool", 64, 56, 56);
        c.conv(64, 64, 3, 56).conv(64, 64, 3, 56).cut("layer1.0", 64, 56, 56);
        c.conv(64, 64, 3, 56).conv(64, 64, 3, 56).cut("layer1", 64, 56, 56);
        int in = 64;
        int size = 28;
        for (int stage = 2; stage <= 4; stage++) {
            int out = in * 2;
            c.conv(in, out, 3, size).conv(out, out, 3, size).conv(in, out, 1, size);
            c.cut("layer" + stage + ".0", out, size, size);
            c.conv(out, out, 3, size).conv(out, out, 3, size).cut("layer" + stage, out, size, size);
            in = out;
            size /= 2;
        }
        c.cut("avgpool", 512);
        c.fc(512, 1000);
        return c.build("output", 1000);
    }

    /** VGG-16 (224×224): 15,470,264,320 MACs, 10 cuts. */
    public static ModelProfile vgg16() {
        Chain c = new Chain("vgg16-macs", 3, 224, 224);
        int[][] stages = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        int in = 3;
        int size = 224;
        for (int s = 0; s < stages.length; s++) {
            for (int k = 0; k < stages[s][1]; k++) {
                c.conv(in, stages[s][0], 3, size);
                in = stages[s][0];
            }
            size /= 2;
            c.cut("pool" + (s + 1), in, size, size);
        }
        c.fc(25088, 4096).cut("fc6", 4096);
        c.fc(4096, 4096).cut("fc7", 4096);
        c.fc(4096, 1000);
        return c.build("output", 1000);
    }

    /** Builds a chain model's cut list while counting MACs. */
    private static final class Chain {
        private final String id;
        private final TensorSpec input;
        private final List<long[]> cutShapes = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<Long> heads = new ArrayList<>();
        private long macs;

        Chain(String id, long... chw) {
            this.id = id;
            this.input = tensor("input", chw);
            labels.add("input");
            cutShapes.add(input.shape());
            heads.add(0L);
        }

        Chain conv(int cin, int cout, int k, int outSize) {
            macs += (long) k * k * cin * cout * outSize * outSize;
            return this;
        }

        Chain fc(int in, int out) {
            macs += (long) in * out;
            return this;
        }

        Chain cut(String label, long... chw) {
            labels.add(label);
            cutShapes.add(tensor(label, chw).shape());
            heads.add(macs);
            return this;
        }

        ModelProfile build(String outputLabel, long... outShape) {
            cut(outputLabel, outShape);
            TensorSpec output = tensor(outputLabel, outShape);
            List<CutProfile> cuts = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                TensorSpec t =
                        i == 0
                                ? input
                                : new TensorSpec(
                                        labels.get(i), ElementType.FLOAT, cutShapes.get(i));
                cuts.add(
                        new CutProfile(
                                i,
                                labels.get(i),
                                List.of(t),
                                t.bytes(),
                                t.bytesFp16(),
                                heads.get(i),
                                macs - heads.get(i),
                                Double.NaN,
                                Double.NaN,
                                Map.of()));
            }
            return new ModelProfile(id, input, output, macs, null, cuts);
        }

        private static TensorSpec tensor(String name, long... chw) {
            long[] shape = new long[chw.length + 1];
            shape[0] = 1;
            System.arraycopy(chw, 0, shape, 1, chw.length);
            return new TensorSpec(name, ElementType.FLOAT, shape);
        }
    }
}
