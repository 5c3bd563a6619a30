package io.edgesplit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCommandTest {

    @TempDir Path dir;

    @Test
    void aPlansStagesReproduceTheFullModel() throws Exception {
        Path plan = dir.resolve("plan.json");
        Cli.call(
                new PlanCommand(),
                "--model",
                "tiny-residual",
                "--devices",
                "jetson-nano,jetson-tx2,jetson-xavier-nx",
                "--algorithm",
                "inter-only",
                "--out",
                plan.toString());
        Cli.Result r =
                Cli.call(
                        new PipelineCommand(),
                        "--plan",
                        plan.toString(),
                        "--check",
                        "--frames",
                        "3");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(
                        "tiny-residual: ",
                        "3 frames, largest relative error ",
                        "(below 1e-04)",
                        "stage 1: nodes 0..");
    }

    @Test
    void threeStagesInsideResidualBlocksReproduceTheFullModel() throws Exception {
        int n =
                io.edgesplit.onnx.graph.ModelAnalyzer.analyze(
                                io.edgesplit.onnx.zoo.ModelZoo.build("tiny-residual"), null)
                        .graph()
                        .nodeCount();
        Path plan = dir.resolve("three.json");
        Files.writeString(
                plan,
                String.format(
                        "{\"model\": \"tiny-residual\", \"stages\": [{\"fromNode\": 0, \"toNode\": %d},"
                                + " {\"fromNode\": %d, \"toNode\": %d}, {\"fromNode\": %d, \"toNode\": %d}]}",
                        n / 3, n / 3, 2 * n / 3, 2 * n / 3, n));
        Cli.Result r =
                Cli.call(
                        new PipelineCommand(),
                        "--plan",
                        plan.toString(),
                        "--check",
                        "--frames",
                        "2");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(": 3 stages, 2 frames", "(below 1e-04)", "stage 3: nodes ");
    }

    @Test
    void badPlansFailInOneLine() throws Exception {
        Path plan = dir.resolve("bad.json");
        Files.writeString(
                plan,
                "{\"model\": \"tiny-chain\", \"stages\": [{\"fromNode\": 0, \"toNode\": 2}]}");
        assertThatThrownBy(
                        () -> Cli.call(new PipelineCommand(), "--plan", plan.toString(), "--check"))
                .hasMessageStartingWith("the plan ends at node 2 but model tiny-chain has ");
        Files.writeString(
                plan,
                "{\"model\": \"tiny-chain\", \"stages\": [{\"fromNode\": 1, \"toNode\": 2}]}");
        assertThatThrownBy(
                        () -> Cli.call(new PipelineCommand(), "--plan", plan.toString(), "--check"))
                .hasMessage(
                        "plan stage 1 runs nodes 1..1: stages must follow each other from node 0");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PipelineCommand(),
                                        "--plan",
                                        dir.resolve("none.json").toString(),
                                        "--check"))
                .hasMessageContaining("none.json does not exist");
    }
}
