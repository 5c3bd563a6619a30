package io.edgesplit.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.sim.ArrivalProcess;
import io.edgesplit.core.sim.DeviceGroup;
import io.edgesplit.core.sim.SimulationListener;
import io.edgesplit.core.sim.SimulationResult;
import io.edgesplit.core.sim.SimulationSpec;
import io.edgesplit.core.sim.Simulator;
import io.edgesplit.core.trace.TraceFormat;
import io.edgesplit.job.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's command-line side: option parsing and the PNG plots. */
class SimulationOutputTest {

    @Test
    void optionHelpersFailInOneLineNamingTheOption() {
        assertThatThrownBy(() -> SimulationOptions.parseVs("1,-2"))
                .hasMessage("--V: values must be finite numbers >= 0, got -2");
        assertThatThrownBy(() -> SimulationOptions.parsePolicies("cutedge,x"))
                .hasMessageStartingWith("--policy: unknown policy 'x'");
        assertThatThrownBy(() -> SimulationOptions.parseTraceFormat("csv"))
                .hasMessageStartingWith("--trace-format: unknown trace format 'csv'");
        assertThat(SimulationOptions.parseTraceFormat("norway"))
                .isEqualTo(TraceFormat.NORWAY_HSDPA);
        assertThat(SimulationOptions.loadTraces(List.of("const:2M"), null).get(0).meanCapacity())
                .isEqualTo(2e6);
        assertThat(SimulationOptions.parsePolicies("edge-only,cutedge"))
                .containsExactly("edge-only", "cutedge");
        assertThat(SimulationOptions.parseVs("0.5,3")).containsExactly(0.5, 3.0);
    }

    @Test
    void drawsEveryPlotAsAPng(@TempDir Path dir) throws Exception {
        SimulationSpec spec =
                SimulationSpec.builder()
                        .name("charts")
                        .model(ConfigLoader.macProfile("tiny-chain", "tiny-chain"))
                        .addDevices(
                                new DeviceGroup(
                                        2,
                                        DeviceProfiles.builtin("jetson-tx2"),
                                        SimulationOptions.loadTraces(List.of("const:8M"), null),
                                        10,
                                        ArrivalProcess.POISSON))
                        .slots(200)
                        .vValues(List.of(0.1, 1.0))
                        .controller(ControllerConfig.builder().build())
                        .build();
        SimulationResult r = Simulator.run(spec, SimulationListener.NONE);
        List<Path> written = Charts.writeAll(r, dir);
        assertThat(written).isNotEmpty();
        for (String png :
                List.of(
                        "energy_per_frame_vs_v.png",
                        "latency_vs_v.png",
                        "backlog_vs_v.png",
                        "throughput_vs_v.png",
                        "energy_latency_tradeoff.png")) {
            byte[] b = Files.readAllBytes(dir.resolve(png));
            assertThat(b.length).as(png).isGreaterThan(1000);
            assertThat(new String(b, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
