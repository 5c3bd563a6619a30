package io.edgesplit.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: the shaded jar in a separate JVM, exit codes, one-line
 * errors, and the demo end to end on a tiny model.
 */
class CliITCase {

    private static final Path JAR = Path.of("target", "edgesplit.jar");

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result run(Path dir, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the CLI jar (built in the package phase)").exists();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "edgesplit " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand(@TempDir Path dir) throws Exception {
        Result r = run(dir, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("demo", "job", "models", "export", "profile", "split", "simulate");
    }

    @Test
    void exportSplitAndProfileAModel(@TempDir Path dir) throws Exception {
        Result models = run(dir, "models");
        assertThat(models.code()).isZero();
        assertThat(models.out()).contains("resnet18", "mobilenetv2", "tiny-chain");

        assertThat(run(dir, "export", "--model", "tiny-residual", "--out", "m.onnx").code())
                .isZero();
        Result split =
                run(
                        dir, "split", "--model", "m.onnx", "--cut", "3", "--head", "h.onnx",
                        "--tail", "t.onnx");
        assertThat(split.code()).as(split.all()).isZero();
        assertThat(dir.resolve("h.onnx")).isNotEmptyFile();
        assertThat(dir.resolve("t.onnx")).isNotEmptyFile();

        Result profile =
                run(dir, "profile", "--model", "m.onnx", "--json", "--runs", "2", "--warmup", "1");
        assertThat(profile.code()).as(profile.err()).isZero();
        ModelProfile p = ModelProfileJson.fromJson(profile.out(), "stdout");
        assertThat(p.cuts()).hasSizeGreaterThan(3);
        assertThat(p.cut(3).measured()).isTrue();
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("corrupt.onnx"), "this is not a model");
        List<String[]> cases =
                List.of(
                        new String[] {
                            "split", "--model", "nope", "--cut", "1", "--head", "h.onnx", "--tail",
                            "t.onnx"
                        },
                        new String[] {
                            "split",
                            "--model",
                            "tiny-chain",
                            "--cut",
                            "99",
                            "--head",
                            "h.onnx",
                            "--tail",
                            "t.onnx"
                        },
                        new String[] {"profile", "--model", "corrupt.onnx"},
                        new String[] {"export", "--model", "resnet18"},
                        new String[] {"demo", "--duration", "soon"},
                        new String[] {"demo", "--policy", "fastest"},
                        new String[] {"job"},
                        new String[] {"simulate", "--V", "-1", "--out", "x"},
                        new String[] {"frobnicate"});
        for (String[] args : cases) {
            Result r = run(dir, args);
            String cmd = String.join(" ", args);
            assertThat(r.code()).as("exit code of %s: %s", cmd, r.all()).isEqualTo(2);
            assertThat(r.err().strip().lines().count())
                    .as("one line for %s: %s", cmd, r.err())
                    .isEqualTo(1);
            assertThat(r.err())
                    .as(cmd)
                    .startsWith("edgesplit")
                    .doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void theDemoRunsEndToEnd(@TempDir Path dir) throws Exception {
        Result r =
                run(
                        dir,
                        "demo",
                        "--model",
                        "tiny-chain",
                        "--devices",
                        "2",
                        "--duration",
                        "4s",
                        "--speed",
                        "2",
                        "--ui-port",
                        "0",
                        "--out",
                        "demo");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("check: every one of the 41 frames has exactly one outcome");
        assertThat(r.out()).contains("dead letters: 2");
        assertThat(dir.resolve("demo").resolve("results.csv")).isNotEmptyFile();
        assertThat(dir.resolve("demo").resolve("summary.txt")).isNotEmptyFile();
        // the model is analysed once: the job reads the demo's profile instead of deriving one
        assertThat(dir.resolve("demo").resolve("profile-tiny-chain.json")).isNotEmptyFile();
        assertThat(r.err()).doesNotContain("no measured profile");
        assertThat(dir.resolve("edgesplit-out").resolve("edgesplit.log")).isNotEmptyFile();
    }

    @Test
    void simulateWritesPlotsAndASummary(@TempDir Path dir) throws Exception {
        Result r =
                run(
                        dir,
                        "simulate",
                        "--no-measure",
                        "--slots",
                        "300",
                        "--V",
                        "1,10",
                        "--out",
                        "sim");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("cutedge", "device-only", "edge-only");
        assertThat(dir.resolve("sim").resolve("runs.csv")).isNotEmptyFile();
        assertThat(dir.resolve("sim").resolve("energy_latency_tradeoff.png")).isNotEmptyFile();
    }
}
