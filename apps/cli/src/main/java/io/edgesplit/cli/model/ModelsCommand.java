package io.edgesplit.cli.model;

import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edgesplit models}: lists the built-in models with parameters, MACs and cuts. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List the built-in models: real torchvision topologies with deterministic random"
                    + " weights (no download), plus two small test models.",
            "Each is built and analysed, which takes a few seconds for VGG-16."
        })
public final class ModelsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%-14s %8s %8s %5s  %-16s %s%n",
                "NAME",
                "PARAMS",
                "MACS",
                "CUTS",
                "INPUT",
                "DESCRIPTION");
        for (ModelZoo.Entry entry : ModelZoo.entries()) {
            OnnxModel model = ModelZoo.build(entry.name());
            ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
            out.printf(
                    Locale.ROOT,
                    "%-14s %8s %8s %5d  %-16s %s%n",
                    entry.name(),
                    Formats.count(model.parameterCount()),
                    Formats.count(analysis.totalMacs()),
                    analysis.cuts().size(),
                    Formats.shape(analysis.input().shape()),
                    entry.description());
            out.flush();
        }
        return 0;
    }
}
