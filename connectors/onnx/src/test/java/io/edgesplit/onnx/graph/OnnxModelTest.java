package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.onnx.testing.TestGraphs;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    @TempDir Path dir;

    @Test
    void loadsWhatItWrites() {
        OnnxModel model = ModelZoo.build("tiny-chain");
        Path file = dir.resolve("sub/chain.onnx");

        model.write(file);
        OnnxModel loaded = OnnxModel.load(file);

        assertThat(loaded.name()).isEqualTo("chain");
        assertThat(loaded.toBytes()).isEqualTo(model.toBytes());
        assertThat(loaded.opset()).isEqualTo(17);
        assertThat(loaded.inputs()).extracting(ValueInfoProto::getName).containsExactly("input");
        assertThat(loaded.outputs()).extracting(ValueInfoProto::getName).containsExactly("logits");
        assertThat(loaded.parameterCount()).isEqualTo(model.parameterCount()).isPositive();
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = dir.resolve("nope.onnx");

        assertThatThrownBy(() -> OnnxModel.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model file " + missing + " does not exist");
    }

    @Test
    void emptyFileIsNotAModel() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.onnx"));

        assertThatThrownBy(() -> OnnxModel.load(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(empty + " is not an ONNX model: the file is empty");
    }

    @Test
    void truncatedModelNamesTheFileAndTheProblem() throws IOException {
        byte[] bytes = ModelZoo.build("tiny-chain").toBytes();
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> OnnxModel.load(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(truncated + " is not an ONNX model (protobuf parse error: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        byte[] noise = new byte[4096];
        new SplittableRandom(1).nextBytes(noise);
        Path corrupt = dir.resolve("noise.onnx");
        Files.write(corrupt, noise);

        assertThatThrownBy(() -> OnnxModel.load(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(corrupt + " is not an ONNX model")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void textFileIsNotAModel() throws IOException {
        Path text = dir.resolve("readme.onnx");
        Files.writeString(text, "this is not a model\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OnnxModel.load(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readme.onnx is not an ONNX model");
    }

    @Test
    void directoryCannotBeRead() {
        assertThatThrownBy(() -> OnnxModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read model file " + dir);
    }

    @Test
    void rejectsOpsetsOlderThan11() {
        ModelProto old =
                ModelZoo.build("tiny-chain").proto().toBuilder()
                        .clearOpsetImport()
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(9))
                        .build();

        assertThatThrownBy(() -> OnnxModel.fromBytes(old.toByteArray(), "old.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model old.onnx uses opset 9; edgesplit needs opset 11 or newer (re-export it,"
                                + " e.g. torch.onnx.export(..., opset_version=17))");
    }

    @Test
    void rejectsExternalData() {
        ModelProto proto = ModelZoo.build("tiny-chain").proto();
        GraphProto.Builder graph = proto.getGraph().toBuilder();
        TensorProto w = graph.getInitializer(0);
        graph.setInitializer(
                0,
                w.toBuilder()
                        .clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(
                                StringStringEntryProto.newBuilder()
                                        .setKey("location")
                                        .setValue("weights.bin")));

        assertThatThrownBy(
                        () -> OnnxModel.of(proto.toBuilder().setGraph(graph).build(), "external"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "stores initializer '" + w.getName() + "' in an external data file");
    }

    @Test
    void initializersListedAsInputsAreNotInputs() {
        OnnxModel model = ModelZoo.build("tiny-chain");
        GraphProto.Builder graph = model.proto().getGraph().toBuilder();
        graph.addInput(TestGraphs.floats("conv1.weight", 8, 3, 3, 3));

        OnnxModel pytorchStyle =
                OnnxModel.of(model.proto().toBuilder().setGraph(graph).build(), "old-export");

        assertThat(pytorchStyle.inputs())
                .extracting(ValueInfoProto::getName)
                .containsExactly("input");
    }
}
