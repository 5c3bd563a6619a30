package io.edgesplit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class PartitionCommandTest {

    private static final int NODES =
            ModelAnalyzer.analyze(ModelZoo.build("tiny-residual"), null).graph().nodeCount();

    @Test
    void helpNamesTheOptions() {
        assertThat(Cli.help(new PartitionCommand()))
                .contains(
                        "Usage: partition",
                        "--bandwidth=BITS_PER_S",
                        "--table",
                        "--compression-stats",
                        "--compare",
                        "--clock=HZ",
                        "--device-type=T",
                        "--edge-server=S",
                        "--objective=latency|energy",
                        "--json");
    }

    @Test
    void minCutIsNoWorseThanTheBaselinesForBothObjectives() throws Exception {
        for (String objective : new String[] {"latency", "energy"}) {
            for (String bps : new String[] {"1e4", "1e6", "1e8", "1e10"}) {
                Cli.Result r =
                        Cli.call(
                                new PartitionCommand(),
                                "--model",
                                "tiny-residual",
                                "--bandwidth",
                                bps,
                                "--objective",
                                objective,
                                "--json");
                assertThat(r.exitCode()).isZero();
                JsonNode rows = new ObjectMapper().readTree(r.out());
                assertThat(rows).hasSize(4);
                String key = objective.equals("latency") ? "latencyMs" : "deviceEnergyJ";
                double best = rows.get(0).get(key).asDouble();
                for (JsonNode row : rows) {
                    assertThat(row.get("deviceNodes").asInt() + row.get("edgeNodes").asInt())
                            .isEqualTo(NODES);
                    assertThat(best).isLessThanOrEqualTo(row.get(key).asDouble() * (1 + 1e-9));
                }
                assertThat(rows.get(2).get("edgeNodes").asInt()).isZero();
                assertThat(rows.get(3).get("deviceNodes").asInt()).isZero();
            }
        }
    }

    @Test
    void tablePrintsAscendingBreakpoints() throws Exception {
        Cli.Result r =
                Cli.call(new PartitionCommand(), "--model", "tiny-residual", "--table", "--json");
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("fromBps").asDouble())
                    .isGreaterThan(rows.get(i - 1).get("fromBps").asDouble());
        }
    }

    @Test
    void compressionStatsPrintTheNodeCountsBeforeAndAfter() throws Exception {
        Cli.Result r =
                Cli.call(
                        new PartitionCommand(),
                        "--model",
                        "tiny-residual",
                        "--compression-stats",
                        "--json");
        JsonNode row = new ObjectMapper().readTree(r.out());
        assertThat(row.get("nodes").asInt()).isEqualTo(NODES);
        assertThat(row.get("compressedNodes").asInt()).isBetween(1, NODES - 1);
    }

    @Test
    void comparisonNeverHasTheMinCutWorseThanThePrefixCutsOrNeurosurgeon() throws Exception {
        Cli.Result r =
                Cli.call(new PartitionCommand(), "--model", "tiny-residual", "--compare", "--json");
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).hasSize(14);
        for (JsonNode row : rows) {
            double minCut = row.get("minCut").asDouble();
            double prefix = row.get("bestPrefix").asDouble();
            assertThat(minCut).isLessThanOrEqualTo(prefix * (1 + 1e-9));
            assertThat(prefix).isLessThanOrEqualTo(row.get("neurosurgeon").asDouble() * (1 + 1e-9));
            assertThat(row.get("gainOverPrefix").asDouble()).isBetween(-1e-9, 1.0);
        }
    }

    @Test
    void aLowerClockMakesTheDeviceOnlyCutSlower() throws Exception {
        String lowest =
                Long.toString(
                        io.edgesplit.core.device.DeviceProfiles.builtin("jetson-tx2")
                                .gpu()
                                .clocksHz()
                                .get(0));
        double atMax = deviceOnlyMs();
        double atLowest = deviceOnlyMs("--clock", lowest);
        assertThat(atLowest).isGreaterThan(atMax);
    }

    private static double deviceOnlyMs(String... extra) throws Exception {
        String[] args = {"--model", "tiny-residual", "--bandwidth", "1e6", "--json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        JsonNode rows = new ObjectMapper().readTree(Cli.call(new PartitionCommand(), all).out());
        return rows.get(2).get("latencyMs").asDouble();
    }

    @Test
    void badValuesFailWithOneLine() {
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PartitionCommand(),
                                        "--model",
                                        "tiny-residual",
                                        "--bandwidth",
                                        "1e6",
                                        "--objective",
                                        "speed"))
                .hasMessage("--objective must be latency or energy, got 'speed'");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PartitionCommand(),
                                        "--model",
                                        "tiny-residual",
                                        "--bandwidth",
                                        "-5"))
                .hasMessage("--bandwidth must be a finite number > 0 bit/s, got -5.0");
        assertThatThrownBy(() -> Cli.call(new PartitionCommand(), "--model", "tiny-residual"))
                .hasMessage(
                        "give exactly one of --bandwidth B, --table, --compression-stats and"
                                + " --compare");
        assertThatThrownBy(
                        () ->
                                Cli.call(
                                        new PartitionCommand(),
                                        "--model",
                                        "tiny-residual",
                                        "--table",
                                        "--device-type",
                                        "jetson-tx2",
                                        "--clock",
                                        "7"))
                .hasMessageStartingWith(
                        "--clock 7 Hz is not a GPU clock of jetson-tx2: valid clocks are [");
    }
}
