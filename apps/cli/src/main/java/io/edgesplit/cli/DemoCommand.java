package io.edgesplit.cli;

import io.edgesplit.cli.demo.DemoOptions;
import io.edgesplit.cli.demo.DemoRunner;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.job.pipeline.PipelinePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit demo}: the whole system on one machine. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the edge job end to end on this machine: starts an embedded Kafka broker and a Flink MiniCluster"
                    + " (web UI on localhost:8081), streams a generated camera scenario through the job at real time,"
                    + " shows progress and a live dashboard page (localhost:8088), and prints a summary per policy and device.",
            "Every frame must end as exactly one outcome (OK, SKIPPED or FAILED); the exit code is 1 if one is missing."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--devices",
            defaultValue = "8",
            description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--duration",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Length of the camera stream, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--policy",
            defaultValue = "cutedge",
            split = ",",
            description =
                    "Policy, or a comma-separated list assigned to devices round robin, e.g. cutedge,edge-only,device-only."
                            + " Policies: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = PolicyNames.class)
    List<String> policies;

    @Option(
            names = "--model",
            defaultValue = "mobilenetv2",
            description = "Built-in model (see `edgesplit models`; default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--plan",
            paramLabel = "FILE",
            description =
                    "Stream the cameras through a multi-device plan (edgesplit plan --out FILE) run as"
                            + " the k-stage pipeline job, one pipeline per camera; the model is the"
                            + " plan's. See docs/pipeline.md.")
    Path plan;

    @Spec CommandSpec spec;

    @Option(
            names = "--fps",
            defaultValue = "5",
            description = "Frames per second per device (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(
            names = "--batch-size",
            defaultValue = "4",
            description = "Largest tail micro-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--device-type",
            defaultValue = "jetson-tx2",
            split = ",",
            description =
                    "Device profile(s), assigned round robin: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = DeviceNames.class)
    List<String> deviceTypes;

    @Option(
            names = "--uplink",
            defaultValue = "20e6,2e6",
            split = ",",
            converter = RateConverter.class,
            description =
                    "Good and bad uplink rates in bit/s of each device's two-state channel, e.g."
                            + " 20M,2M (default: ${DEFAULT-VALUE}).")
    List<Double> uplink;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Replay speed: 2 streams twice as fast as real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--ui-port",
            defaultValue = "8081",
            description =
                    "Flink web UI port; the next free one is used if it is taken (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(
            names = "--dashboard-port",
            defaultValue = "8088",
            description =
                    "Port of the live dashboard page on localhost; the next free one is used if it is taken, 0 = any free one"
                            + " (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(
            names = "--no-dashboard",
            negatable = false,
            description = "Do not serve the live dashboard page.")
    boolean noDashboard;

    @Option(
            names = "--linger",
            converter = DurationConverter.class,
            description =
                    "Keep the dashboard page up this long after the summary, e.g. 2m; Ctrl-C ends it sooner"
                            + " (default: it stops with the demo).")
    Duration linger;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the scenario (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--no-bad-records",
            negatable = false,
            description =
                    "Do not inject the three bad records that show dead letters and a FAILED outcome.")
    boolean noBad;

    @Option(names = "--out", description = "Output directory (default: edgesplit-out/demo-<time>).")
    Path out;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description = "Any job option, e.g. -D edgesplit.controller.v=50.")
    Map<String, String> extra = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        for (String p : policies) {
            if (!Policies.onlineNames().contains(p)) {
                throw new IllegalArgumentException(
                        "--policy: "
                                + (Policies.names().contains(p)
                                        ? "policy '" + p + "' needs the whole trace in advance"
                                        : "unknown policy '" + p + "'")
                                + ": use one of "
                                + String.join(", ", Policies.onlineNames()));
            }
        }
        if (plan != null) {
            String planned = PipelinePlan.read(plan).modelId();
            if (spec.commandLine().getParseResult().hasMatchedOption("--model")
                    && !planned.equals(model)) {
                throw new IllegalArgumentException(
                        "--model "
                                + model
                                + " but the plan "
                                + plan
                                + " is of "
                                + planned
                                + ": drop --model (the plan names its model)");
            }
            model = planned;
        }
        for (String d : deviceTypes) {
            DeviceProfiles.builtin(d);
        }
        if (uplink.size() != 2) {
            throw new IllegalArgumentException(
                    "--uplink takes two rates, good,bad in bit/s, e.g. 20e6,2e6");
        }
        Path dir =
                out != null
                        ? out
                        : Path.of(
                                "edgesplit-out",
                                "demo-"
                                        + LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        DemoOptions options =
                new DemoOptions(
                        devices,
                        duration,
                        policies,
                        model,
                        fps,
                        batchSize,
                        uiPort,
                        dir,
                        speed,
                        deviceTypes,
                        uplink.get(0),
                        uplink.get(1),
                        seed,
                        !noBad,
                        parallelism,
                        extra,
                        !noDashboard,
                        dashboardPort,
                        linger == null ? Duration.ZERO : linger,
                        plan);
        return new DemoRunner(options, System.out, System.err).run();
    }

    /** Completion candidates: policy names. */
    static final class PolicyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Policies.onlineNames().iterator();
        }
    }

    /** Completion candidates: built-in device profiles. */
    static final class DeviceNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DeviceProfiles.builtinNames().iterator();
        }
    }
}
