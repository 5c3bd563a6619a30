package io.edgesplit.onnx.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.onnx.graph.OnnxModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

    @TempDir Path dir;

    @Test
    void zooNamesComeFirstThenFiles() {
        Path file = dir.resolve("mine.onnx");
        ModelZoo.build("tiny-chain").write(file);

        OnnxModel byName = ModelSource.resolve("TINY-CHAIN");
        OnnxModel byPath = ModelSource.resolve(file.toString());

        assertThat(byName.name()).isEqualTo("tiny-chain");
        assertThat(byPath.name()).isEqualTo("mine");
    }

    @Test
    void unknownNamesAndMissingFilesAreExplained() {
        assertThatThrownBy(() -> ModelSource.resolve("lenet"))
                .hasMessage(
                        "unknown model 'lenet': not a built-in model (alexnet, vgg16, resnet18,"
                                + " mobilenetv2, densenet121, tiny-chain, tiny-residual, tiny-densenet,"
                                + " tiny-branches) and no such file");
        assertThatThrownBy(() -> ModelSource.resolve("models/lenet.onnx"))
                .hasMessage("model file models/lenet.onnx does not exist");
        assertThatThrownBy(() -> ModelSource.resolve(" "))
                .hasMessageStartingWith("no model given: pass --model");
    }
}
