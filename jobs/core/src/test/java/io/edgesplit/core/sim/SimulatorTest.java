package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.DeviceInput;
import io.edgesplit.core.controller.FrameArrival;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.TelemetrySample;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.trace.SyntheticTraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

    private static final DeviceProfile TX2 = DeviceProfiles.builtin("jetson-tx2");

    private static SimulationSpec.Builder small() {
        return SimulationSpec.builder()
                .name("small")
                .model(MacDerivedProfiles.resnet18())
                .addDevices(
                        new DeviceGroup(
                                3,
                                TX2,
                                List.of(
                                        SyntheticTraces.gilbertElliott(
                                                8e6, 1e6, 0.1, 0.3, 1, 600, 3)),
                                10,
                                ArrivalProcess.POISSON))
                .slots(1500)
                .vValues(List.of(0.1, 1.0))
                .controller(ControllerConfig.builder().cutEnergyWeight(1).build());
    }

    @Test
    void sameSpecSameResults() {
        SimulationSpec spec = small().build();
        SimulationResult a = Simulator.run(spec, SimulationListener.NONE);
        SimulationResult b = Simulator.run(spec, SimulationListener.NONE);
        assertThat(a.summaries()).isEqualTo(b.summaries());
        assertThat(a.summaries())
                .extracting(RunSummary::label)
                .containsExactly(
                        "cutedge V=0.1",
                        "cutedge V=1",
                        "cutedge-fixed-clock V=0.1",
                        "cutedge-fixed-clock V=1",
                        "cutedge-cut-only V=0.1",
                        "cutedge-cut-only V=1",
                        "cutedge-cut-clock V=0.1",
                        "cutedge-cut-clock V=1",
                        "cutedge-cut-rate V=0.1",
                        "cutedge-cut-rate V=1",
                        "device-only",
                        "edge-only",
                        "neurosurgeon-latency",
                        "neurosurgeon-energy",
                        "dads",
                        "cic",
                        "random",
                        "offline-optimal");
    }

    @Test
    void everyFrameIsAccountedFor() {
        SimulationResult r = Simulator.run(small().build(), SimulationListener.NONE);
        for (RunSummary s : r.summaries()) {
            assertThat(s.arrived()).isEqualTo(s.admitted() + s.dropped());
            // no warm-up: every admitted frame either completed or is still queued
            assertThat(s.completed() + s.inFlight()).as(s.label()).isEqualTo(s.admitted());
            assertThat(s.energyJ()).isGreaterThanOrEqualTo(s.idleFloorJ() * 0.999);
            assertThat(s.cutShares().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(s.admitted() == 0 ? 0 : 1, within(1e-9));
        }
    }

    @Test
    void perFrameModeDecidesEveryFrameOnceAndAccountsForIt() {
        SimulationSpec spec =
                small().mode(SimulationMode.PER_FRAME)
                        .telemetryHz(5)
                        .policies(List.of(Policies.CUTEDGE))
                        .vValues(List.of(1.0))
                        .build();
        List<String> decided = new ArrayList<>();
        SimulationResult r =
                Simulator.run(
                        spec,
                        new SimulationListener() {
                            @Override
                            public void frameDecided(
                                    String deviceId, long frameId, ControlDecision decision) {
                                decided.add(deviceId + "/" + frameId);
                            }
                        });
        long frames =
                FrameTrace.of(spec).stream()
                        .flatMap(List::stream)
                        .filter(e -> e instanceof FrameArrival)
                        .count();
        assertThat(decided).hasSize((int) frames).doesNotHaveDuplicates().isNotEmpty();
        for (RunSummary s : r.summaries()) {
            assertThat(s.arrived()).as(s.label()).isEqualTo(frames);
            assertThat(s.arrived()).isEqualTo(s.admitted() + s.dropped());
            assertThat(s.completed() + s.inFlight()).as(s.label()).isEqualTo(s.admitted());
            assertThat(s.completed()).as(s.label()).isPositive();
            assertThat(s.cutShares().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(s.admitted() == 0 ? 0 : 1, within(1e-9));
        }
        assertThat(Simulator.run(spec, SimulationListener.NONE).summaries())
                .isEqualTo(r.summaries());
    }

    @Test
    void perFrameTracesOrderTelemetryBeforeFramesAtEqualTimes() {
        SimulationSpec spec = small().mode(SimulationMode.PER_FRAME).slots(50).build();
        for (List<DeviceInput> events : FrameTrace.of(spec)) {
            for (int i = 1; i < events.size(); i++) {
                DeviceInput a = events.get(i - 1);
                DeviceInput b = events.get(i);
                assertThat(a.eventTime()).isLessThanOrEqualTo(b.eventTime());
                if (a.eventTime() == b.eventTime()) {
                    assertThat(b).isNotInstanceOf(TelemetrySample.class);
                }
            }
            assertThat(events.stream().filter(e -> e instanceof TelemetrySample))
                    .hasSize(50); // 5 s at 10 samples per second
        }
    }

    @Test
    void baselinesBehaveAsTheirNamesSay() {
        SimulationSpec spec =
                small().policies(List.of(Policies.DEVICE_ONLY, Policies.EDGE_ONLY))
                        .devices(
                                List.of(
                                        new DeviceGroup(
                                                1,
                                                TX2,
                                                List.of(SyntheticTraces.constant(9.6e6)),
                                                10,
                                                ArrivalProcess.PERIODIC)))
                        .slots(3000)
                        .warmupSlots(1000)
                        .build();
        SimulationResult r = Simulator.run(spec, SimulationListener.NONE);
        RunSummary device = r.summaries().get(0);
        RunSummary edge = r.summaries().get(1);
        ModelCosts c = ModelCosts.of(spec.model(), TX2, EdgeServerProfiles.defaultProfile());
        // device-only keeps up with 10 fps; each frame waits for its slot, then runs its head
        assertThat(device.throughputFps()).isCloseTo(10, within(0.1));
        assertThat(device.latencyP50S()).isGreaterThan(c.headSecondsAtMax(c.lastCut()));
        assertThat(device.cutShares().get(c.lastCut())).isEqualTo(1.0);
        // edge-only is limited by the uplink: 9.6 Mbit/s / 4.8 Mbit per raw frame = 2 fps
        assertThat(edge.throughputFps()).isCloseTo(9.6e6 / c.bits(0), within(0.05));
        assertThat(edge.dropped()).isPositive();
    }

    @Test
    void loadsScenarioFilesWithRelativePathsAndCommandLineOverrides(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("profiles"));
        ModelProfileJson.write(MacDerivedProfiles.resnet18(), dir.resolve("profiles/r18.json"));
        Files.write(dir.resolve("ul.csv"), uccFixture());
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(
                scenario,
                """
                name: test-scenario
                profile: profiles/r18.json
                wire: fp16
                slots: 400
                slotSeconds: 0.1
                warmupSlots: 100
                policies: [cutedge, device-only]
                V: [1, 0.5]
                controller:
                  theta: 2
                  power-budget-w: inf
                devices:
                  - count: 2
                    profile: jetson-nano
                    radio: wifi
                    trace: ul.csv
                    fps: 5
                    arrivals: periodic
                """);
        SimulationSpec spec = Scenarios.load(scenario).build();
        assertThat(spec.name()).isEqualTo("test-scenario");
        assertThat(spec.vValues()).containsExactly(0.5, 1.0);
        assertThat(spec.controller().theta()).isEqualTo(2);
        assertThat(spec.deviceCount()).isEqualTo(2);
        DeviceGroup g = spec.devices().get(0);
        assertThat(g.device().name()).isEqualTo("jetson-nano-wifi");
        assertThat(g.traces().get(0).name()).contains("ucc");
        assertThat(g.arrivals()).isEqualTo(ArrivalProcess.PERIODIC);

        SimulationSpec overridden =
                Scenarios.load(scenario)
                        .deviceCount(5)
                        .traces(List.of(SyntheticTraces.constant(5e6)))
                        .policies(List.of("edge-only"))
                        .vValues(List.of(3.0))
                        .build();
        assertThat(overridden.deviceCount()).isEqualTo(5);
        assertThat(overridden.devices().get(0).traces().get(0).meanCapacity()).isEqualTo(5e6);
        assertThat(overridden.policies()).containsExactly("edge-only");

        assertThatThrownBy(
                        () ->
                                Scenarios.parse(
                                        "name: x\nprofile: nope.json\ndevices: []\n",
                                        "scenario inline",
                                        dir,
                                        n -> null))
                .hasMessageContaining("nope.json");
        assertThatThrownBy(
                        () ->
                                Scenarios.parse(
                                        "model: resnet18\ndevices: [{trace: 'const:1M', fps: 1}]\n",
                                        "scenario inline",
                                        dir,
                                        n -> null))
                .hasMessageContaining("scenario inline: model: cannot profile model 'resnet18'");
        assertThatThrownBy(
                        () ->
                                Scenarios.parse(
                                        "profile: profiles/r18.json\nslotz: 3\ndevices: []\n",
                                        "scenario inline",
                                        dir,
                                        n -> null))
                .hasMessageContaining("slotz: unknown field");
        assertThatThrownBy(
                        () ->
                                Scenarios.parse(
                                                "profile: profiles/r18.json\n"
                                                        + "devices: [{trace: 'const:1M', fps: 1, count: 2},"
                                                        + " {trace: 'const:1M', fps: 1}]\n",
                                                "scenario inline",
                                                dir,
                                                n -> null)
                                        .deviceCount(3)
                                        .build())
                .hasMessageContaining("--devices applies to scenarios with one device group");
    }

    @Test
    void writesCsvAndASummary(@TempDir Path dir) throws Exception {
        SimulationResult r = Simulator.run(small().slots(300).build(), SimulationListener.NONE);
        String summary = SimulationReport.write(r, dir);
        assertThat(summary)
                .contains("scenario small: 3 devices, 300 slots")
                .contains("costs: resnet18-macs on jetson-tx2")
                .contains("MAC-derived")
                .contains("frames/s")
                .contains("vs device-only")
                .contains("vs edge-only");
        assertThat(Files.readString(dir.resolve("summary.txt"))).isEqualTo(summary);
        List<String> runs = Files.readAllLines(dir.resolve("runs.csv"));
        assertThat(runs.get(0))
                .startsWith("policy,v,devices,window_s,arrived")
                .endsWith(",cut_shares,latency_bound_s,late_frames,late_share");
        assertThat(runs).hasSize(1 + r.runs().size());
        List<String> slots = Files.readAllLines(dir.resolve("slots.csv"));
        assertThat(slots.get(0)).startsWith("policy,v,slot,time_s,arrivals,admitted");
        long recorded = r.runs().stream().filter(x -> x.slots() != null).count();
        assertThat(recorded).isEqualTo(r.runs().size() - 1); // offline-optimal is not a schedule
        assertThat(slots).hasSize(1 + 300 * (int) recorded);
    }

    @Test
    void tracesWithoutAScenarioMakeOneDefaultGroup() {
        SimulationSpec spec =
                SimulationSpec.builder()
                        .model(MacDerivedProfiles.resnet18())
                        .traces(
                                List.of(
                                        SyntheticTraces.constant(5e6),
                                        SyntheticTraces.constant(2e6)))
                        .deviceCount(3)
                        .defaultFps(4)
                        .build();
        assertThat(spec.deviceCount()).isEqualTo(3);
        assertThat(spec.devices().get(0).device().name()).isEqualTo("jetson-tx2");
        assertThat(spec.devices().get(0).fps()).isEqualTo(4);
        assertThat(spec.devices().get(0).traces()).hasSize(2);
        assertThatThrownBy(
                        () -> SimulationSpec.builder().model(MacDerivedProfiles.resnet18()).build())
                .hasMessageContaining("--scenario FILE")
                .hasMessageContaining("--trace FILE");
    }

    @Test
    void listenerSeesEveryRun() {
        List<String> seen = new ArrayList<>();
        Simulator.run(
                small().slots(50).policies(List.of("cutedge", "random")).build(),
                new SimulationListener() {
                    @Override
                    public void runStarted(String policy, double v, int index, int total) {
                        seen.add(index + "/" + total + " " + policy);
                    }
                });
        assertThat(seen).containsExactly("0/3 cutedge", "1/3 cutedge", "2/3 random");
    }

    @Test
    void specBuilderFailsInOneLine() {
        assertThatThrownBy(() -> small().slots(0).build()).hasMessage("slots must be >= 1, got 0");
        assertThatThrownBy(() -> SimulationSpec.builder().build())
                .hasMessageContaining("needs a model profile");
    }

    private static List<String> uccFixture() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Timestamp,Longitude,Latitude,Speed,Operatorname,CellID,NetworkMode,RSRP,RSRQ,SNR,"
                        + "CQI,RSSI,DL_bitrate,UL_bitrate,State,NRxRSRP,NRxRSRQ");
        for (int i = 0; i < 60; i++) {
            lines.add(
                    "2019.12.12_09.30."
                            + (10 + i % 50)
                            + ",-8.47,51.89,0,A,1,LTE,-90,-10,5,9,-60,"
                            + "9000,"
                            + (2000 + 100 * (i % 7))
                            + ",D,-,-");
        }
        return lines;
    }
}
