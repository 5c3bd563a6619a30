package io.edgesplit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    private static final String JETSONS = "jetson-nano,jetson-tx2,jetson-xavier-nx,jetson-agx-orin";

    @TempDir Path dir;

    @Test
    void helpNamesTheOptions() {
        assertThat(Cli.help(new PlanCommand()))
                .contains(
                        "Usage: plan",
                        "--model=FILE|NAME",
                        "--devices=T1,T2,...",
                        "--network=FILE",
                        "--algorithm=A",
                        "--seed=S",
                        "--json",
                        "--out=FILE");
    }

    @Test
    void printsStagesDevicesAndThePredictedThroughput() throws Exception {
        Cli.Result r =
                Cli.call(new PlanCommand(), "--model", "tiny-residual", "--devices", JETSONS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .startsWith("tiny-residual on 4 devices (pso, ")
                .contains("predicted ", " frames/s, bottleneck stage ", "stage 1: nodes 0..");
    }

    @Test
    void psoIsAtLeastAsGoodAsEveryBaselineAndWritesItsPlan() throws Exception {
        Path out = dir.resolve("plans/plan.json");
        JsonNode pso = plan("pso", "--out", out.toString());
        assertThat(new ObjectMapper().readTree(Files.readString(out))).isEqualTo(pso);
        assertThat(pso.get("mode").asText()).isEqualTo("pipeline");
        int last = pso.get("stages").get(pso.get("stages").size() - 1).get("toNode").asInt();
        int from = 0;
        for (JsonNode stage : pso.get("stages")) {
            assertThat(stage.get("fromNode").asInt()).isEqualTo(from);
            from = stage.get("toNode").asInt();
        }
        assertThat(from).isEqualTo(last);
        double fps = pso.get("predictedFps").asDouble();
        assertThat(fps).isPositive();
        for (String baseline : new String[] {"greedy", "inter-only", "single", "exhaustive"}) {
            double other = plan(baseline).get("predictedFps").asDouble();
            if (baseline.equals("exhaustive")) {
                assertThat(fps).isGreaterThanOrEqualTo(0.98 * other);
            } else {
                assertThat(fps).as(baseline).isGreaterThanOrEqualTo(other * (1 - 1e-9));
            }
        }
        JsonNode dp = plan("data-parallel");
        assertThat(dp.get("mode").asText()).isEqualTo("data-parallel");
        assertThat(dp.get("stages").get(0).get("devices")).hasSize(4);
    }

    private JsonNode plan(String algorithm, String... more) throws Exception {
        String[] base = {
            "--model", "tiny-residual", "--devices", JETSONS, "--algorithm", algorithm, "--json"
        };
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        Cli.Result r = Cli.call(new PlanCommand(), args);
        assertThat(r.exitCode()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void readsANetworkFile() throws Exception {
        Path net = dir.resolve("net.yaml");
        Files.writeString(
                net,
                "devices: [{id: a, profile: jetson-tx2}, {id: b, profile: jetson-tx2}]\n"
                        + "lan: {bandwidthBps: 10G, latencyS: 0}\n");
        Cli.Result r =
                Cli.call(
                        new PlanCommand(),
                        "--model",
                        "tiny-chain",
                        "--network",
                        net.toString(),
                        "--json");
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.get("stages").findValuesAsText("id")).containsAnyOf("a", "b");
    }

    @Test
    void badValuesFailInOneLine() {
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PlanCommand(),
                                        "--model",
                                        "tiny-chain",
                                        "--devices",
                                        "jetson-nanoo"))
                .hasMessageStartingWith(
                        "device profile 'jetson-nanoo' is neither a built-in profile");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PlanCommand(),
                                        "--model",
                                        "tiny-chain",
                                        "--devices",
                                        "jetson-nano",
                                        "--algorithm",
                                        "best"))
                .hasMessageStartingWith("--algorithm must be one of pso, exhaustive");
        assertThatThrownBy(() -> Cli.call(new PlanCommand(), "--model", "tiny-chain"))
                .hasMessage("give exactly one of --devices T1,T2,... and --network FILE");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PlanCommand(),
                                        "--model",
                                        "tiny-chain",
                                        "--network",
                                        dir.resolve("none.yaml").toString()))
                .hasMessageContaining("none.yaml does not exist");
    }

    @Test
    void coresProvisionsThisMachineWithRealSessions() throws Exception {
        Cli.Result r =
                Cli.call(
                        new PlanCommand(),
                        "--model",
                        "tiny-residual",
                        "--cores",
                        "2",
                        "--blocks",
                        "3",
                        "--frames",
                        "8");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(
                        "tiny-residual, ",
                        "blocks, block ms at 1..",
                        "chosen: ",
                        "measured on 8 frames: pipeline ",
                        "ratio ",
                        "predicted for 4 cores: ");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PlanCommand(),
                                        "--model",
                                        "tiny-chain",
                                        "--cores",
                                        "2",
                                        "--devices",
                                        "jetson-nano"))
                .hasMessage("--cores plans one machine: leave out --devices and --network");
        assertThatThrownBy(
                        () -> Cli.call(new PlanCommand(), "--model", "tiny-chain", "--cores", "0"))
                .hasMessage("--cores must be >= 1, got 0");
    }
}
