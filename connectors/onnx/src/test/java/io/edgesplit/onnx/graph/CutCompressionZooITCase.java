package io.edgesplit.onnx.graph;

import io.edgesplit.onnx.testing.CompressionCheck;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CIC compression preserves the optimum of the zoo's real models (see {@link CompressionCheck}).
 */
class CutCompressionZooITCase {

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "vgg16", "resnet18", "mobilenetv2", "densenet121"})
    void preservesTheOptimumOfTheZooModels(String name) {
        CompressionCheck.check(ModelAnalyzer.analyze(ModelZoo.build(name), null).graph());
    }
}
