package io.edgesplit.core.cost;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small and random model profiles for tests. */
public final class TestProfiles {

    private TestProfiles() {}

    /** A profile over these cuts (input = first cut's tensor, output = last cut's). */
    public static ModelProfile model(List<CutProfile> cuts) {
        TensorSpec in = cuts.get(0).tensors().get(0);
        TensorSpec out = cuts.get(cuts.size() - 1).tensors().get(0);
        return new ModelProfile("m", in, out, 1_000_000_000L, null, cuts);
    }

    /** One single-tensor cut of {@code elements} floats. */
    public static CutProfile cut(
            int i,
            long elements,
            long headMacs,
            long tailMacs,
            double headMs,
            double tailMs,
            Map<String, Double> device) {
        TensorSpec t = new TensorSpec("t" + i, ElementType.FLOAT, new long[] {1, elements});
        return new CutProfile(
                i,
                "c" + i,
                List.of(t),
                t.bytes(),
                t.bytesFp16(),
                headMacs,
                tailMacs,
                headMs,
                tailMs,
                device);
    }

    /** A profile over {@code n} random chain-like cuts with plenty of ties and dominated cuts. */
    public static ModelProfile randomModel(Random rnd, int n) {
        return model(randomCuts(rnd, n));
    }

    private static List<CutProfile> randomCuts(Random rnd, int n) {
        List<CutProfile> cuts = new ArrayList<>();
        long total = 1_000_000_000L;
        long head = 0;
        for (int i = 0; i < n; i++) {
            if (i == n - 1) {
                head = total;
            } else if (i > 0) {
                head = Math.min(total, head + (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(200_000_000)));
            }
            long elements = 1 + rnd.nextInt(i == 0 ? 150_528 : 300_000);
            cuts.add(cut(i, elements, head, total - head, Double.NaN, Double.NaN, Map.of()));
        }
        return cuts;
    }
}
