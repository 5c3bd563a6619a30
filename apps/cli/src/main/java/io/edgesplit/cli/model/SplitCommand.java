package io.edgesplit.cli.model;

import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.split.SplitModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit split}: writes the head and tail of a model at one cut. */
@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description = {
            "Split a model at cut K into a head (model input -> cut tensors) and a tail (cut"
                    + " tensors -> model output), both valid ONNX models: tail(head(x)) equals the"
                    + " model's output.",
            "Cut 0 is the raw input (identity head), the last cut the model output (identity"
                    + " tail); 'profile' lists the cuts."
        })
public final class SplitCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ModelOptions modelOptions;

    @Option(names = "--cut", required = true, paramLabel = "K", description = "Cut index.")
    private int cut;

    @Option(
            names = "--head",
            required = true,
            paramLabel = "H.onnx",
            description = "Where to write the head.")
    private Path head;

    @Option(
            names = "--tail",
            required = true,
            paramLabel = "T.onnx",
            description = "Where to write the tail.")
    private Path tail;

    @Override
    public Integer call() {
        long[] shape = modelOptions.inputShape();
        OnnxModel onnx = modelOptions.resolve();
        ModelAnalysis analysis = ModelAnalyzer.analyze(onnx, shape);
        Cut c = analysis.cut(cut);
        SplitModels split = ModelSplitter.split(onnx, analysis, cut);
        split.head().write(head);
        split.tail().write(tail);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "split %s at cut %d of %d (%s): %s, %s bytes fp32%n",
                onnx.name(),
                cut,
                analysis.lastCut(),
                c.label(),
                Formats.tensors(c.tensors(), 120),
                Formats.bytes(c.bytes()));
        describe(out, "head", split.head(), c.headMacs(), head);
        describe(out, "tail", split.tail(), c.tailMacs(), tail);
        return 0;
    }

    private static void describe(PrintWriter out, String part, OnnxModel m, long macs, Path file) {
        out.printf(
                Locale.ROOT,
                "  %s: %d nodes, %s params, %s MACs -> %s%n",
                part,
                m.proto().getGraph().getNodeCount(),
                Formats.count(m.parameterCount()),
                Formats.count(macs),
                file);
    }
}
