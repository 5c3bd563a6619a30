package io.edgesplit.onnx.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.onnx.graph.OnnxModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The large zoo models: sizes, interface and sane outputs (slow: VGG-16 is 553 MB). */
class ZooModelsITCase {

    @ParameterizedTest
    @CsvSource({"alexnet, 61100840", "vgg16, 138357544"})
    void chainModelsHaveExactlyTorchvisionsParameterCount(String name, long params) {
        long start = System.nanoTime();
        OnnxModel model = ModelZoo.build(name);
        double buildSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(model.parameterCount()).isEqualTo(params);
        assertThat(model.opset()).isEqualTo(17);
        assertThat(ModelZooTest.dims(model.inputs().get(0))).isEqualTo("input[N,3,224,224]");
        assertThat(ModelZooTest.dims(model.outputs().get(0))).isEqualTo("logits[N,1000]");
        ZooOutputs.assertFiniteAndVaried(model);
        System.out.printf("%s built in %.2f s%n", name, buildSeconds);
    }
}
