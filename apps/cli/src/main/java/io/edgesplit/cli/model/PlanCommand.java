package io.edgesplit.cli.model;

import io.edgesplit.core.pipeline.DeviceNetwork;
import io.edgesplit.core.pipeline.DeviceNetworks;
import io.edgesplit.core.pipeline.PipelineModel;
import io.edgesplit.core.pipeline.Plan;
import io.edgesplit.core.pipeline.PlanFormat;
import io.edgesplit.core.pipeline.Planner;
import io.edgesplit.core.util.Values;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.PipelineModels;
import io.edgesplit.onnx.pipeline.SessionPipelines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit plan}: a multi-device pipeline plan for a model. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Plans a model on several devices: which devices form which pipeline stage (PSO or a"
                    + " baseline), the layers of each stage (inter-layer DP over the cuts) and the"
                    + " row shares of the devices inside a stage (intra-layer split with halos);"
                    + " prints the predicted throughput and the bottleneck. Costs from MACs, the"
                    + " device profiles and the links (see docs/pipeline.md)."
        })
public final class PlanCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ModelOptions modelOptions;

    @Option(
            names = "--devices",
            paramLabel = "T1,T2,...",
            description =
                    "Device profiles (built-in names or YAML files), on a 1 Gbit/s LAN with their"
                            + " boards' memory; frames enter at the first.")
    private String devices;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description = "A network file (devices, memory, links), instead of --devices.")
    private Path network;

    @Option(
            names = "--algorithm",
            paramLabel = "A",
            defaultValue = "pso",
            description =
                    "pso, exhaustive (up to 7 devices), greedy, inter-only, data-parallel or single"
                            + " (default: ${DEFAULT-VALUE}).")
    private String algorithm;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "PSO seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--cores",
            paramLabel = "N",
            description =
                    "Provisioning instead: partitions and threads per partition for N cores of"
                            + " this machine, measured with ONNX Runtime and run as a pipeline of"
                            + " sessions against one session with all cores; above this machine's"
                            + " cores only predicted.")
    private Integer cores;

    @Option(
            names = "--blocks",
            paramLabel = "M",
            defaultValue = "6",
            description =
                    "With --cores: blocks the model is measured in (default: ${DEFAULT-VALUE}).")
    private int blocks;

    @Option(
            names = "--frames",
            paramLabel = "F",
            defaultValue = "100",
            description = "With --cores: frames run (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--json", description = "Print the plan as JSON.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the plan as JSON.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (cores != null) {
            return provision();
        }
        Planner.Algorithm a = Planner.Algorithm.parse(algorithm);
        DeviceNetwork net = network();
        OnnxModel model = modelOptions.resolve();
        PipelineModel pm =
                PipelineModels.of(model, ModelAnalyzer.analyze(model, modelOptions.inputShape()));
        Plan plan = Planner.plan(pm, net, a, seed);
        String planJson = PlanFormat.json(plan, pm, net).toPrettyString();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(planJson);
        } else {
            PlanFormat.text(plan, pm, net).forEach(o::println);
        }
        if (out != null) {
            write(out, planJson);
            if (!json) {
                o.println("wrote the plan to " + out);
            }
        }
        return plan.feasible() ? 0 : 1;
    }

    private int provision() throws Exception {
        if (devices != null || network != null) {
            throw new IllegalArgumentException(
                    "--cores plans one machine: leave out --devices and --network");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("--cores must be >= 1, got " + cores);
        }
        if (blocks < 1 || frames < 1) {
            throw new IllegalArgumentException(
                    "--blocks and --frames must be >= 1, got " + blocks + " and " + frames);
        }
        int here = Math.min(cores, Runtime.getRuntime().availableProcessors());
        PrintWriter o = spec.commandLine().getOut();
        if (here < cores) {
            o.printf(
                    "this machine has %d cores: measured and run at %d, %d cores predicted%n",
                    here, here, cores);
        }
        OnnxModel model = modelOptions.resolve();
        SessionPipelines.run(
                model,
                ModelAnalyzer.analyze(model, modelOptions.inputShape()),
                here,
                cores,
                blocks,
                frames,
                o);
        return 0;
    }

    private DeviceNetwork network() {
        if ((devices == null) == (network == null)) {
            throw new IllegalArgumentException(
                    "give exactly one of --devices T1,T2,... and --network FILE");
        }
        if (network != null) {
            return DeviceNetworks.load(network);
        }
        return DeviceNetworks.ofTypes(Values.splitList(devices, "--devices"));
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
