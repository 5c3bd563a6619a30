package io.edgesplit.cli.model;

import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit export}: writes a built-in model as an ONNX file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Write a built-in model (see 'models') as an .onnx file (opset 17, symbolic batch"
                        + " dimension N).")
public final class ExportCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "NAME",
            description = "Built-in model name, e.g. resnet18.")
    private String model;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.onnx",
            description = "File to write (parent directories are created).")
    private Path out;

    @Override
    public Integer call() {
        OnnxModel built = ModelZoo.build(model);
        built.write(out);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "wrote %s (%s params, %s bytes) to %s%n",
                        built.name(),
                        Formats.count(built.parameterCount()),
                        Formats.bytes(built.serializedSize()),
                        out);
        return 0;
    }
}
