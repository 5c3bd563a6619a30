package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.testing.SplitChecker;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every cut of every real zoo model: the head reproduces the full model's intermediates and
 * tail(head(x)) the full model's output (relative error below 1e-5). Slow (VGG-16's tails carry 124
 * M fully connected weights each), hence an ITCase.
 */
class ZooSplitITCase {

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "resnet18", "mobilenetv2", "vgg16"})
    void everyCutOfEveryZooModelReproducesTheFullModel(String name) {
        long start = System.nanoTime();
        OnnxModel model = ModelZoo.build(name);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);

        int checked = SplitChecker.checkEveryCut(model, analysis, 11);

        assertThat(checked).isEqualTo(analysis.lastCut() + 1);
        System.out.printf(
                "%s: %d cuts checked in %.1f s%n",
                name, checked, (System.nanoTime() - start) / 1e9);
    }
}
