package io.edgesplit.cli.model;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.profile.ModelProfiler;
import io.edgesplit.onnx.runtime.ExecutionProvider;
import io.edgesplit.onnx.runtime.RunnerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit profile}: per-cut sizes, MACs and measured head/tail latency. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = {
            "Profile every cut of a model: tensors crossing the cut, bytes (fp32 and fp16),"
                    + " head/tail MACs and head/tail latency measured with ONNX Runtime (warm-up"
                    + " runs, then the median of N runs of the real split models).",
            "Prints a table, or with --json the ModelProfile JSON the controller loads."
                    + " Progress goes to stderr."
        })
public final class ProfileCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ModelOptions modelOptions;

    @Option(
            names = "--runs",
            defaultValue = "10",
            paramLabel = "N",
            description =
                    "Timed runs per head and tail; the median is kept (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            paramLabel = "W",
            description = "Untimed warm-up runs (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(
            names = "--threads",
            defaultValue = "1",
            paramLabel = "T",
            description =
                    "ONNX Runtime intra-op threads; 0 = one per core (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(
            names = "--provider",
            defaultValue = "cpu",
            paramLabel = "P",
            description = "Execution provider: cpu, cuda or auto (default ${DEFAULT-VALUE}).")
    private String provider;

    @Option(
            names = "--cuts",
            split = ",",
            paramLabel = "K",
            description = "Measure only these cuts, e.g. 0,5,9 (the others stay unmeasured).")
    private List<Integer> cuts;

    @Option(
            names = "--no-latency",
            description = "Skip measuring: sizes and MACs only (latencies NaN).")
    private boolean noLatency;

    @Option(names = "--json", description = "Print the ModelProfile JSON instead of the table.")
    private boolean json;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Also write the ModelProfile JSON to FILE.")
    private Path out;

    @Override
    public Integer call() {
        long[] shape = modelOptions.inputShape();
        RunnerOptions options =
                RunnerOptions.builder()
                        .provider(ExecutionProvider.parse(provider))
                        .intraOpThreads(threads)
                        .build();
        ModelProfiler profiler =
                ModelProfiler.builder()
                        .runs(runs)
                        .warmup(warmup)
                        .runnerOptions(options)
                        .cuts(cuts)
                        .listener(this::progress)
                        .build();
        OnnxModel onnx = modelOptions.resolve();
        ModelAnalysis analysis = ModelAnalyzer.analyze(onnx, shape);
        PrintWriter err = spec.commandLine().getErr();
        ModelProfile profile;
        if (noLatency) {
            profile = analysis.toProfile();
        } else {
            err.printf(
                    Locale.ROOT,
                    "profiling %s: %d cuts, %d warm-up + %d timed runs per part, %s, %d thread(s)%n",
                    onnx.name(),
                    cuts == null ? analysis.cuts().size() : new TreeSet<>(cuts).size(),
                    warmup,
                    runs,
                    options.provider().name().toLowerCase(Locale.ROOT),
                    threads);
            err.flush();
            profile = profiler.profile(onnx, analysis);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(ModelProfileJson.toJson(profile));
        } else {
            ProfileTable.print(profile, stdout);
        }
        stdout.flush();
        if (out != null) {
            ModelProfileJson.write(profile, out);
            err.println("wrote profile to " + out);
            err.flush();
        }
        return 0;
    }

    private void progress(int done, int total, CutProfile cut) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "cut %d/%d (index %d, %s): head %s ms, tail %s ms%n",
                done,
                total,
                cut.index(),
                cut.label(),
                Formats.ms(cut.headMs()),
                Formats.ms(cut.tailMs()));
        err.flush();
    }
}
