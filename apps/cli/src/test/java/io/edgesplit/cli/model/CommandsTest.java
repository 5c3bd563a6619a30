package io.edgesplit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.testing.TestGraphs;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    private static final String NAMES =
            "alexnet, vgg16, resnet18, mobilenetv2, densenet121, tiny-chain, tiny-residual,"
                    + " tiny-densenet, tiny-branches";

    @TempDir Path dir;

    @Test
    void everyCommandHasHelp() {
        assertThat(Cli.help(new ModelsCommand())).contains("Usage: models", "built-in models");
        assertThat(Cli.help(new ExportCommand()))
                .contains("Usage: export", "--model=NAME", "--out=FILE.onnx");
        assertThat(Cli.help(new ProfileCommand()))
                .contains(
                        "Usage: profile",
                        "--runs=N",
                        "--warmup=W",
                        "--threads=T",
                        "--cuts=K",
                        "--json",
                        "--out=FILE",
                        "--input-shape=DIMS");
        assertThat(Cli.help(new SplitCommand()))
                .contains("Usage: split", "--cut=K", "--head=H.onnx", "--tail=T.onnx");
    }

    @Test
    void exportWritesTheZooModel() throws Exception {
        Path file = dir.resolve("models/chain.onnx");

        Cli.Result r =
                Cli.call(new ExportCommand(), "--model", "tiny-chain", "--out", file.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("wrote tiny-chain (1.6k params, ");
        assertThat(Files.readAllBytes(file)).isEqualTo(ModelZoo.build("tiny-chain").toBytes());
    }

    @Test
    void exportRejectsUnknownNames() {
        assertThatThrownBy(
                        () -> Cli.call(new ExportCommand(), "--model", "lenet", "--out", "x.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'lenet': built-in models are " + NAMES);
    }

    @Test
    void profilePrintsATableAndProgress() throws Exception {
        Cli.Result r =
                Cli.call(
                        new ProfileCommand(),
                        "--model",
                        "tiny-chain",
                        "--runs",
                        "2",
                        "--warmup",
                        "1");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("CUT  LABEL", "BYTES FP32", "HEAD MS", "TAIL MS")
                .contains("after pool (MaxPool)", "pool[1,16,8,8]", "4,096", "2,048");
        assertThat(r.err())
                .contains("profiling tiny-chain: 9 cuts", "cut 1/9 (index 0, input)", "cut 9/9");
    }

    @Test
    void profileJsonIsTheModelProfileContract() throws Exception {
        Path out = dir.resolve("profile.json");

        Cli.Result r =
                Cli.call(
                        new ProfileCommand(),
                        "--model",
                        "tiny-residual",
                        "--runs",
                        "1",
                        "--warmup",
                        "0",
                        "--cuts",
                        "0,6,16",
                        "--json",
                        "--out",
                        out.toString());

        ModelProfile printed = ModelProfileJson.fromJson(r.out(), "stdout");
        ModelProfile written = ModelProfileJson.read(out);
        assertThat(printed.modelId()).isEqualTo("tiny-residual");
        assertThat(printed.cuts()).hasSize(17);
        assertThat(printed.cuts())
                .filteredOn(CutProfile::measured)
                .extracting(CutProfile::index)
                .containsExactly(0, 6, 16);
        assertThat(written.cuts())
                .extracting(CutProfile::bytesFp32)
                .isEqualTo(printed.cuts().stream().map(CutProfile::bytesFp32).toList());
        assertThat(r.err()).contains("wrote profile to " + out);
    }

    @Test
    void profileWithoutLatencyGivesMacsOnly() throws Exception {
        Cli.Result r =
                Cli.call(new ProfileCommand(), "--model", "tiny-chain", "--no-latency", "--json");

        ModelProfile profile = ModelProfileJson.fromJson(r.out(), "stdout");
        assertThat(profile.measuredOn()).isNull();
        assertThat(profile.cuts()).noneMatch(CutProfile::measured);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void profileReadsModelFilesAndInputShapes() throws Exception {
        Path file = dir.resolve("dynamic.onnx");
        TestGraphs.dynamicImage().write(file);

        Cli.Result r =
                Cli.call(
                        new ProfileCommand(),
                        "--model",
                        file.toString(),
                        "--input-shape",
                        "1,3,8,8",
                        "--no-latency");

        assertThat(r.out()).contains("model dynamic: input image:float[1, 3, 8, 8]");
    }

    @Test
    void profileBadInputsAreOneLineErrors() throws IOException {
        Path dynamic = dir.resolve("dynamic.onnx");
        TestGraphs.dynamicImage().write(dynamic);
        Path single = dir.resolve("single.onnx");
        TestGraphs.singleRelu().write(single);
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), new byte[] {8, 1, 18, 3, 1});
        Path missing = dir.resolve("missing.onnx");

        assertOneLine(
                new ProfileCommand(),
                "model file " + missing + " does not exist",
                "--model",
                missing.toString());
        assertOneLine(
                new ProfileCommand(),
                corrupt + " is not an ONNX model",
                "--model",
                corrupt.toString());
        assertOneLine(
                new ProfileCommand(),
                "unknown model 'resnet50': not a built-in model (" + NAMES + ") and no such file",
                "--model",
                "resnet50");
        assertOneLine(
                new ProfileCommand(),
                "model dynamic has dynamic input dims [N,3,H,W]; pass --input-shape, e.g. 1,3,224,224",
                "--model",
                dynamic.toString());
        assertOneLine(
                new ProfileCommand(),
                "invalid input shape '1,3,a,8'",
                "--model",
                dynamic.toString(),
                "--input-shape",
                "1,3,a,8");
        assertOneLine(
                new ProfileCommand(),
                "cut 40 is out of range for model tiny-chain: valid cuts are 0..8",
                "--model",
                "tiny-chain",
                "--cuts",
                "40");
        assertOneLine(
                new ProfileCommand(),
                "model single has no valid interior cut",
                "--model",
                single.toString());
        assertOneLine(
                new ProfileCommand(),
                "unknown execution provider 'gpu'",
                "--model",
                "tiny-chain",
                "--provider",
                "gpu");
    }

    @Test
    void splitWritesHeadAndTailThatComposeToTheModel() throws Exception {
        Path head = dir.resolve("h.onnx");
        Path tail = dir.resolve("t.onnx");

        Cli.Result r =
                Cli.call(
                        new SplitCommand(),
                        "--model",
                        "tiny-residual",
                        "--cut",
                        "4",
                        "--head",
                        head.toString(),
                        "--tail",
                        tail.toString());

        assertThat(r.out())
                .startsWith(
                        "split tiny-residual at cut 4 of 16 (after block1.relu1 (Relu)): relu[1,8,16,16] + block1.relu1[1,8,16,16], 16,384 bytes fp32")
                .contains("  head: 4 nodes", "  tail: 12 nodes");
        RunnerOptions options = RunnerOptions.defaults();
        TensorData x =
                Tensors.random(
                        new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 32, 32}),
                        1,
                        5);
        try (ModelRunner full = ModelRunner.open(ModelZoo.build("tiny-residual"), options);
                ModelRunner h = ModelRunner.open(OnnxModel.load(head), options);
                ModelRunner t = ModelRunner.open(OnnxModel.load(tail), options)) {
            assertThat(Tensors.relativeError(t.run(h.run(x)).get(0), full.run(x).get(0)))
                    .isLessThan(1e-5);
        }
    }

    @Test
    void splitBadInputsAreOneLineErrors() throws IOException {
        Path single = dir.resolve("single.onnx");
        TestGraphs.singleRelu().write(single);
        String h = dir.resolve("h.onnx").toString();
        String t = dir.resolve("t.onnx").toString();

        assertOneLine(
                new SplitCommand(),
                "cut 17 is out of range for model tiny-residual: valid cuts are 0..16",
                "--model",
                "tiny-residual",
                "--cut",
                "17",
                "--head",
                h,
                "--tail",
                t);
        assertOneLine(
                new SplitCommand(),
                "model single has no valid interior cut",
                "--model",
                single.toString(),
                "--cut",
                "1",
                "--head",
                h,
                "--tail",
                t);
        assertThat(Files.exists(Path.of(h))).isFalse();
    }

    private static void assertOneLine(Callable<Integer> command, String expected, String... args) {
        assertThatThrownBy(() -> Cli.call(command, args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
