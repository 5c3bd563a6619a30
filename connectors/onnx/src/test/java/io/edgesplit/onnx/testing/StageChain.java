package io.edgesplit.onnx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.split.Stage;
import java.util.List;

/** Runs split stages one after another, as a pipeline of parties would, and the full model. */
public final class StageChain {

    /** One thread, weight pre-packing off (see {@link SplitChecker}). */
    public static final RunnerOptions OPTIONS =
            RunnerOptions.builder()
                    .intraOpThreads(1)
                    .configEntry("session.disable_prepacking", "1")
                    .build();

    private StageChain() {}

    /**
     * Feeds {@code input} to the first stage and each stage's outputs to the next; checks that each
     * stage's session declares the stage's inputs and outputs. Returns the last stage's outputs.
     */
    public static List<TensorData> run(List<Stage> stages, TensorData input) {
        List<TensorData> values = List.of(input);
        for (Stage stage : stages) {
            try (ModelRunner runner = ModelRunner.open(stage.model(), OPTIONS)) {
                assertThat(runner.inputs()).as(stage.party()).isEqualTo(stage.inputs());
                assertThat(runner.outputs()).as(stage.party()).isEqualTo(stage.outputs());
                values = runner.run(values);
            }
            assertThat(values)
                    .extracting(TensorData::name)
                    .isEqualTo(stage.outputs().stream().map(TensorSpec::name).toList());
        }
        return values;
    }

    /** The full model's output on {@code input}. */
    public static TensorData full(OnnxModel model, TensorData input) {
        try (ModelRunner runner = ModelRunner.open(model, OPTIONS)) {
            return runner.run(input).get(0);
        }
    }
}
