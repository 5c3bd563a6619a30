package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.testing.SplitChecker;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cuts of every real zoo model: the head reproduces the full model's intermediates and
 * tail(head(x)) the full model's output (relative error below 1e-5).
 *
 * <p>ResNet-18 and MobileNetV2 are checked at every cut. AlexNet and VGG-16 are slow to check
 * (their tails carry up to 124 M fully connected weights each; every cut of VGG-16 took 5 minutes
 * on two cores), so the default build checks {@link #SAMPLED} evenly spaced cuts of each, always
 * with the first and the last; {@code -Dedgesplit.test.all-cuts=true} checks every cut of every
 * model.
 */
class ZooSplitITCase {

    static final int SAMPLED = 6;
    private static final Set<String> HEAVY = Set.of("alexnet", "vgg16");

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "resnet18", "mobilenetv2", "vgg16"})
    void cutsOfEveryZooModelReproduceTheFullModel(String name) {
        long start = System.nanoTime();
        OnnxModel model = ModelZoo.build(name);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        boolean all = HEAVY.contains(name) ? Boolean.getBoolean("edgesplit.test.all-cuts") : true;
        List<Cut> cuts = all ? analysis.cuts() : evenlySpaced(analysis.cuts(), SAMPLED);

        int checked = SplitChecker.checkCuts(model, analysis, 11, cuts);

        assertThat(checked).isEqualTo(all ? analysis.lastCut() + 1 : SAMPLED);
        System.out.printf(
                "%s: %d of %d cuts checked in %.1f s%n",
                name, checked, analysis.cuts().size(), (System.nanoTime() - start) / 1e9);
    }

    /** {@code n} cuts spread evenly from the first to the last. */
    static List<Cut> evenlySpaced(List<Cut> cuts, int n) {
        List<Cut> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(cuts.get((int) Math.round(i * (cuts.size() - 1) / (double) (n - 1))));
        }
        return out;
    }
}
