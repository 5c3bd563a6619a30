package io.edgesplit.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.DeviceController;
import io.edgesplit.core.controller.DeviceInput;
import io.edgesplit.core.controller.FrameArrival;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.TelemetrySample;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.sim.ArrivalProcess;
import io.edgesplit.core.sim.DeviceGroup;
import io.edgesplit.core.sim.FrameTrace;
import io.edgesplit.core.sim.SimulationListener;
import io.edgesplit.core.sim.SimulationMode;
import io.edgesplit.core.sim.SimulationSpec;
import io.edgesplit.core.sim.Simulator;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.WorkItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated trace through the streaming job's controller operator ({@link
 * PartitionControllerFunction} in a test harness, configured by {@link ConfigLoader} as the job is)
 * and through the simulator's per-frame mode: both must decide every frame alike (cut, GPU clock,
 * uplink rate, admission). Each side takes its defaults from its own configuration path, so a
 * default that differs (allow-idle, slot length) fails this test.
 */
class ControllerLoopEquivalenceTest {

    private static final int DEVICES = 3;
    private static final int SLOTS = 300;
    private static final double FPS = 10;
    private static final double TELEMETRY_HZ = 10;

    /**
     * tiny-chain's MACs times this: a model heavy enough (about 1 GMAC) that the controller splits
     * it, while frames keep tiny-chain's small input.
     */
    private static final long MAC_SCALE = 3000;

    /** Options a user gives both: cuts, clocks and admission all vary on this trace. */
    private static final Map<String, String> OPTIONS =
            Map.of(ControllerConfig.V, "1", ControllerConfig.POWER_BUDGET_W, "2");

    @TempDir static Path dir;

    @Test
    void theJobAndThePerFrameSimulatorDecideEveryFrameAlike() throws Exception {
        EdgeJobConfig job = jobConfig();
        SimulationSpec spec = simulation(job, simulatorController());

        Map<String, String> simulated = simulate(spec);
        Map<String, String> streamed = stream(job, FrameTrace.of(spec));

        assertThat(simulated).hasSize(frames(spec)).isNotEmpty();
        assertThat(streamed).isEqualTo(simulated);
        assertThat(simulated.values().stream().map(d -> d.split(" ")[0]).distinct())
                .as("the trace makes the controller choose more than one cut")
                .hasSizeGreaterThan(1);
        assertThat(simulated.values().stream().map(d -> d.split(" ")[1]).distinct())
                .as("... more than one clock")
                .hasSizeGreaterThan(1);
        assertThat(simulated.values().stream().map(d -> d.split(" ")[3]).distinct())
                .as("... and skip some frames")
                .containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void theComparisonSeesADifferentDefault() throws IOException {
        EdgeJobConfig job = jobConfig();
        ControllerConfig unbounded =
                simulatorController().toBuilder().latencyBoundS(Double.POSITIVE_INFINITY).build();

        Map<String, String> asTheJob = simulate(simulation(job, simulatorController()));
        Map<String, String> withoutBound = simulate(simulation(job, unbounded));

        assertThat(withoutBound)
                .as("no latency bound in the simulator only: the equivalence above would fail")
                .isNotEqualTo(asTheJob);
    }

    /**
     * The job's configuration as {@code edgesplit job} builds it from the user's options and a
     * profile file.
     */
    private static EdgeJobConfig jobConfig() throws IOException {
        Path profile = dir.resolve("heavy-tiny-chain.json");
        ModelProfileJson.write(heavy(Fixtures.profile()), profile);
        Configuration conf = new Configuration();
        conf.set(EdgeJobOptions.MODELS, List.of(Fixtures.MODEL));
        conf.set(EdgeJobOptions.PROFILES, List.of(profile.toString()));
        OPTIONS.forEach(conf::setString);
        return ConfigLoader.load(conf);
    }

    private static ModelProfile heavy(ModelProfile p) {
        List<CutProfile> cuts = new ArrayList<>();
        for (CutProfile c : p.cuts()) {
            cuts.add(
                    new CutProfile(
                            c.index(),
                            c.label(),
                            c.tensors(),
                            c.bytesFp32(),
                            c.bytesFp16(),
                            c.headMacs() * MAC_SCALE,
                            c.tailMacs() * MAC_SCALE,
                            c.headMs(),
                            c.tailMs(),
                            c.deviceHeadMs()));
        }
        return new ModelProfile(
                p.modelId(),
                p.input(),
                p.output(),
                p.totalMacs() * MAC_SCALE,
                p.measuredOn(),
                cuts);
    }

    /**
     * The simulator's controller settings as {@code edgesplit simulate --mode per-frame} makes
     * them.
     */
    private static ControllerConfig simulatorController() {
        return DeviceController.perFrameDefaults(
                ControllerConfig.fromMap(OPTIONS), OPTIONS.keySet());
    }

    private static SimulationSpec simulation(EdgeJobConfig job, ControllerConfig controller) {
        ModelProfile model =
                ModelProfileJson.fromJson(job.profilesJson().get(Fixtures.MODEL), "test");
        return SimulationSpec.builder()
                .model(model)
                .edge(job.edgeServer())
                .addDevices(
                        new DeviceGroup(
                                DEVICES,
                                DeviceProfiles.builtin(job.defaultDeviceType()),
                                List.of(
                                        SyntheticTraces.gilbertElliott(
                                                8e6, 0.5e6, 0.1, 0.3, 1, 600, 3)),
                                FPS,
                                ArrivalProcess.POISSON))
                .slots(SLOTS)
                .policies(List.of(Policies.CUTEDGE))
                .vValues(List.of(controller.v()))
                .controller(controller)
                .mode(SimulationMode.PER_FRAME)
                .telemetryHz(TELEMETRY_HZ)
                .build();
    }

    private static int frames(SimulationSpec spec) {
        return (int)
                FrameTrace.of(spec).stream()
                        .flatMap(List::stream)
                        .filter(e -> e instanceof FrameArrival)
                        .count();
    }

    /** device/frame to "cut clock rate admitted", as the simulator decided. */
    private static Map<String, String> simulate(SimulationSpec spec) {
        Map<String, String> out = new TreeMap<>();
        Simulator.run(
                spec,
                new SimulationListener() {
                    @Override
                    public void frameDecided(String deviceId, long frameId, ControlDecision d) {
                        out.put(
                                deviceId + "/" + frameId,
                                key(d.cut(), d.gpuClockHz(), d.uplinkBps(), d.admitted()));
                    }
                });
        return out;
    }

    /** The same, as the job's controller operator decided the trace's events. */
    private static Map<String, String> stream(EdgeJobConfig job, List<List<DeviceInput>> trace)
            throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ?, WorkItem> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new PartitionControllerFunction(job),
                        DeviceEvent::deviceId,
                        Types.STRING,
                        PartitionControllerFunction.PROFILES)) {
            h.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
            long last = 0;
            for (List<DeviceInput> events : trace) {
                for (DeviceInput e : events) {
                    h.processElement(event(e), e.eventTime());
                    last = Math.max(last, e.eventTime());
                }
            }
            h.processWatermark(last);
            Map<String, String> out = new TreeMap<>();
            for (StreamRecord<DecisionRecord> r :
                    h.getSideOutput(PartitionControllerFunction.DECISIONS)) {
                DecisionRecord d = r.getValue();
                out.put(
                        d.deviceId() + "/" + d.frameId(),
                        key(d.cut(), d.gpuClockHz(), d.uplinkBps(), d.admitted()));
            }
            return out;
        }
    }

    private static DeviceEvent event(DeviceInput e) {
        if (e instanceof TelemetrySample t) {
            return DeviceEvent.of(
                    new Telemetry(
                            t.deviceId(),
                            t.eventTime(),
                            t.deviceType(),
                            t.uplinkBps(),
                            null,
                            null,
                            null,
                            null));
        }
        FrameArrival f = (FrameArrival) e;
        FrameIn frame = Fixtures.frame(f.deviceId(), f.frameId(), f.captureTime());
        return DeviceEvent.of(frame);
    }

    private static String key(int cut, long clockHz, double uplinkBps, int admitted) {
        return cut + " " + clockHz + " " + uplinkBps + " " + admitted;
    }
}
