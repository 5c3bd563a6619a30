package io.edgesplit.cli;

import io.edgesplit.cli.sim.Charts;
import io.edgesplit.cli.sim.SimulationOptions;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.DeviceController;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.sim.RunSummary;
import io.edgesplit.core.sim.Scenarios;
import io.edgesplit.core.sim.SimulationListener;
import io.edgesplit.core.sim.SimulationMode;
import io.edgesplit.core.sim.SimulationReport;
import io.edgesplit.core.sim.SimulationResult;
import io.edgesplit.core.sim.SimulationSpec;
import io.edgesplit.core.sim.Simulator;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.TraceFormat;
import io.edgesplit.core.util.Values;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.profile.ModelProfiler;
import io.edgesplit.onnx.zoo.ModelSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgesplit simulate}: trace-driven simulation of the policies, with CSV and PNG output. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates devices running a model over bandwidth traces, for a list of policies and V values,"
                    + " and writes per-slot and per-run CSV, PNG plots (energy, latency and throughput vs V, the"
                    + " energy-latency trade-off) and a summary table. Same controller code as the streaming job.",
            "Either a scenario file (see docs/scenarios/) or options: without --trace the devices share a"
                    + " Gilbert-Elliott LTE uplink (8 / 1 Mbit/s)."
        })
public final class SimulateCommand implements Callable<Integer> {

    static final String DEFAULT_TRACE =
            "ge:good=8M,bad=1M,pgb=0.1,pbg=0.3,step=1,duration=3600,seed=3";

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "Scenario YAML (devices, traces, model, policies, V).")
    Path scenario;

    @Option(
            names = "--trace",
            paramLabel = "FILE|GEN",
            arity = "1..*",
            description =
                    "Bandwidth trace file(s) or generators (ge:good=8M,bad=1M / const:5M / step:... / walk:...),"
                            + " assigned to devices round robin; repeat or list several after one --trace.")
    List<String> traces;

    @Option(
            names = "--trace-format",
            paramLabel = "F",
            description =
                    "Format of trace files: norway, belgium, mahimahi, pensieve, fcc, ucc (default: detect).")
    String traceFormat;

    @Option(
            names = "--policy",
            paramLabel = "P,...",
            description = "Policies to compare, or 'all' (default: all).")
    String policies;

    @Option(
            names = "--V",
            paramLabel = "v,...",
            description = "Lyapunov weights V to sweep (default: 1,10,100).")
    String vs;

    @Option(
            names = "--model",
            paramLabel = "NAME|FILE",
            description =
                    "Model to simulate when there is no --profile: a built-in name or an .onnx file (default: resnet18).")
    String model;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "Model profile JSON from `edgesplit profile --json`.")
    Path profile;

    @Option(
            names = "--no-measure",
            negatable = false,
            description =
                    "Do not profile the model with ONNX Runtime: use MAC-based costs only (fast).")
    boolean noMeasure;

    @Option(
            names = "--runs",
            defaultValue = "3",
            description =
                    "Timed runs per cut when profiling on the fly (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--devices", description = "Number of devices (overrides the scenario).")
    Integer devices;

    @Option(
            names = "--device-type",
            defaultValue = "jetson-tx2",
            description =
                    "Device profile without a scenario: built-in name or YAML file (default: ${DEFAULT-VALUE}).")
    String deviceType;

    @Option(
            names = "--fps",
            defaultValue = "10",
            description =
                    "Frames per second per device without a scenario (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(
            names = "--slots",
            description = "Slots to simulate (overrides the scenario; default 3000).")
    Integer slots;

    @Option(
            names = "--warmup-slots",
            description = "Slots excluded from the statistics (overrides the scenario; default 0).")
    Integer warmupSlots;

    @Option(
            names = "--slot-seconds",
            description = "Slot length in seconds (overrides the scenario; default 0.1).")
    Double slotSeconds;

    @Option(
            names = "--seed",
            description = "Seed of arrivals and random policies (overrides the scenario).")
    Long seed;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description = "Controller options, e.g. -D edgesplit.controller.theta=2.")
    Map<String, String> controller = new LinkedHashMap<>();

    @Option(
            names = "--latency-bound",
            paramLabel = "D",
            description =
                    "End-to-end latency bound per frame, e.g. 200ms, 0.5s or inf (overrides the"
                            + " scenario and -D; default 200ms). The cutedge policies keep admitted"
                            + " frames within it; every run reports the share of frames over it, and"
                            + " offline-optimal is the energy lower bound under it.")
    String latencyBound;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(
            names = "--mode",
            defaultValue = "slot",
            paramLabel = "slot|per-frame",
            description =
                    "slot: each slot every device decides once for the slot's frames (default);"
                            + " per-frame: each frame is decided on arrival by the streaming job's"
                            + " controller loop (allow-idle off unless -D sets it).")
    String mode;

    @Option(
            names = "--telemetry-hz",
            defaultValue = "10",
            paramLabel = "HZ",
            description =
                    "Telemetry samples per second and device in per-frame mode (default: ${DEFAULT-VALUE}).")
    double telemetryHz;

    @Override
    public Integer call() {
        SimulationSpec spec = spec();
        PrintStream err = System.err;
        err.printf(
                Locale.ROOT,
                "simulating %d devices x %d slots of %.0f ms (%s mode), model %s, %d policies x V"
                        + " in %s%n",
                spec.deviceCount(),
                spec.slots(),
                spec.slotSeconds() * 1e3,
                spec.mode().cliName(),
                spec.model().modelId(),
                spec.policies().size(),
                spec.vValues());
        SimulationResult result = Simulator.run(spec, progress(err));
        String text = SimulationReport.write(result, out);
        Charts.writeAll(result, out);
        System.out.print(text);
        System.out.println(
                "outputs: " + out.toAbsolutePath() + " (runs.csv, slots.csv, *.png, summary.txt)");
        return 0;
    }

    /**
     * The simulation the options describe; cheap checks first, so a typo fails before profiling.
     */
    SimulationSpec spec() {
        SimulationMode simulationMode = SimulationMode.fromName(mode);
        TraceFormat format =
                traceFormat == null ? null : SimulationOptions.parseTraceFormat(traceFormat);
        List<String> policyList =
                policies == null ? null : SimulationOptions.parsePolicies(policies);
        List<Double> vList = vs == null ? null : SimulationOptions.parseVs(vs);
        Double bound = latencyBound == null ? null : parseLatencyBound();
        Map<String, String> options = new LinkedHashMap<>(controller);
        if (slotSeconds != null) {
            // checked against the slot of --slot-seconds (the latency bound must exceed it)
            options.putIfAbsent(ControllerConfig.SLOT_SECONDS, slotSeconds.toString());
        }
        ControllerConfig controllerConfig =
                controller.isEmpty() ? null : ControllerConfig.fromMap(options);
        List<BandwidthTrace> traceList =
                traces == null && scenario != null
                        ? null
                        : SimulationOptions.loadTraces(
                                traces == null ? List.of(DEFAULT_TRACE) : traces, format);
        SimulationSpec.Builder b = builder();
        if (traceList != null) {
            b.traces(traceList);
        }
        if (policyList != null) {
            b.policies(policyList);
        }
        if (vList != null) {
            b.vValues(vList);
        }
        if (controllerConfig != null) {
            b.controller(controllerConfig);
        }
        overrideSlots(b);
        b.mode(simulationMode).telemetryHz(telemetryHz);
        if (bound != null) {
            b.latencyBound(bound);
        }
        SimulationSpec spec = b.build();
        if (simulationMode == SimulationMode.PER_FRAME) {
            // decide with the job's defaults, as the job would
            ControllerConfig c =
                    DeviceController.perFrameDefaults(spec.controller(), controller.keySet());
            spec = spec.toBuilder().controller(c).build();
        }
        return spec;
    }

    /** The scenario's builder, or one for --model/--profile, --device-type and --fps. */
    private SimulationSpec.Builder builder() {
        ModelProfile given = profile == null ? null : ModelProfileJson.read(profile);
        if (scenario != null) {
            // --profile replaces the scenario's model: do not profile a model: NAME it names
            SimulationSpec.Builder b =
                    Scenarios.load(scenario, given != null ? name -> given : this::profileOf);
            if (given != null) {
                b.model(given);
            }
            return b;
        }
        return SimulationSpec.builder()
                .name("simulate")
                .model(given != null ? given : profileOf(model == null ? "resnet18" : model))
                .defaultDevice(DeviceProfiles.resolve(deviceType))
                .defaultFps(fps);
    }

    /**
     * {@code --latency-bound}, checked before any profiling against the slot length when it is
     * known (a scenario's slot is checked when the scenario is read).
     */
    private double parseLatencyBound() {
        double d = Values.parseSeconds(latencyBound, "--latency-bound");
        double slot = slotSeconds != null ? slotSeconds : ControllerConfig.DEFAULTS.slotSeconds();
        if (scenario == null || slotSeconds != null) {
            try {
                ControllerConfig.builder().slotSeconds(slot).latencyBoundS(d).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--latency-bound: " + e.getMessage(), e);
            }
        }
        return d;
    }

    private void overrideSlots(SimulationSpec.Builder b) {
        if (devices != null) {
            b.deviceCount(devices);
        }
        if (slots != null) {
            b.slots(slots);
        }
        if (slotSeconds != null) {
            b.slotSeconds(slotSeconds);
        }
        if (warmupSlots != null) {
            b.warmupSlots(warmupSlots);
        }
        if (seed != null) {
            b.seed(seed);
        }
    }

    private static SimulationListener progress(PrintStream err) {
        return new SimulationListener() {
            @Override
            public void runFinished(RunSummary summary, int index, int total) {
                err.printf(
                        Locale.ROOT,
                        "  [%d/%d] %s%n",
                        index + 1,
                        total,
                        summary.policy() + (Double.isNaN(summary.v()) ? "" : " V=" + summary.v()));
            }
        };
    }

    /**
     * A built-in model or .onnx file, profiled with ONNX Runtime (or MAC-based with --no-measure).
     */
    private ModelProfile profileOf(String nameOrFile) {
        OnnxModel m = ModelSource.resolve(nameOrFile);
        ModelAnalysis analysis = ModelAnalyzer.analyze(m, null);
        if (noMeasure) {
            System.err.printf("model %s: MAC-based costs (--no-measure)%n", nameOrFile);
            return analysis.toProfile();
        }
        System.err.printf(
                "model %s: profiling %d cuts with ONNX Runtime (%d runs each; --no-measure skips this)%n",
                nameOrFile, analysis.cuts().size(), runs);
        return ModelProfiler.builder()
                .runs(runs)
                .warmup(1)
                .listener(
                        (done, total, cut) -> {
                            if (done == total || done % 10 == 0) {
                                System.err.printf("  profiled %d/%d cuts%n", done, total);
                            }
                        })
                .build()
                .profile(m, analysis);
    }
}
