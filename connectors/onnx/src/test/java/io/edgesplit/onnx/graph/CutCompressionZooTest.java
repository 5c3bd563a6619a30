package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.partition.CutCompression;
import io.edgesplit.onnx.testing.CompressionCheck;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CIC compression on the test models and the PyTorch-style exported graphs: equal optimal costs
 * (see {@link CompressionCheck}); the zoo's real models are checked in {@code
 * CutCompressionZooITCase}. Each run prints a row of the table in docs/partitioning.md.
 */
class CutCompressionZooTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-chain", "tiny-residual", "tiny-densenet"})
    void preservesTheOptimumOfTheTestModels(String name) {
        ModelAnalysis analysis = ModelAnalyzer.analyze(ModelZoo.build(name), null);
        CompressionCheck.check(analysis.graph());
        if (name.equals("tiny-densenet")) {
            // DenseNet-121's graph: at least 10x fewer nodes
            assertThat(CutCompression.compress(analysis.graph()).graph().nodeCount() * 10)
                    .isLessThanOrEqualTo(analysis.graph().nodeCount());
        }
    }

    @ParameterizedTest(name = "opset {0}, reshape {1}, batch from input {2}")
    @CsvSource({"13, true, false", "17, false, false", "17, true, true"})
    void preservesTheOptimumOfPyTorchStyleGraphs(int opset, boolean reshape, boolean fromInput) {
        OnnxModel model = PyTorchStyleGraphTest.exported(opset, reshape, fromInput);
        CompressionCheck.check(ModelAnalyzer.analyze(model, null).graph());
    }
}
