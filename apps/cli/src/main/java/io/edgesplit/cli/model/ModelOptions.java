package io.edgesplit.cli.model;

import io.edgesplit.onnx.graph.InputShapes;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelSource;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --input-shape} options of the commands that analyse a model. */
final class ModelOptions {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE|NAME",
            description = "An .onnx file or a built-in model name.")
    private String model;

    @Option(
            names = "--input-shape",
            paramLabel = "DIMS",
            description =
                    "Input shape for models with dynamic dims other than the batch, e.g."
                            + " 1,3,224,224.")
    private String inputShape;

    /** The parsed {@code --input-shape}, or null to analyse at the model's declared shape. */
    long[] inputShape() {
        return inputShape == null ? null : InputShapes.parse(inputShape);
    }

    /** The model {@code --model} names (see {@link ModelSource#resolve}). */
    OnnxModel resolve() {
        return ModelSource.resolve(model);
    }
}
