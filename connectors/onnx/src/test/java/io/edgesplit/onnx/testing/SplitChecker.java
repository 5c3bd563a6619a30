package io.edgesplit.onnx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.split.SplitModels;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every cut of a model splits correctly: one run of the full model with all cut tensors
 * exposed gives the references; for each cut, the head's outputs must equal the references and the
 * tail fed with the head's outputs must reproduce the model output.
 */
public final class SplitChecker {

    /** Largest relative error accepted (max abs difference / max abs reference). */
    public static final double TOLERANCE = 1e-5;

    /**
     * One thread; weight pre-packing off, which halves session creation for models with large fully
     * connected layers (VGG-16's tails) and does not change what is compared: the full model and
     * both halves run with the same options.
     */
    private static final RunnerOptions OPTIONS =
            RunnerOptions.builder()
                    .intraOpThreads(1)
                    .configEntry("session.disable_prepacking", "1")
                    .build();

    private SplitChecker() {}

    /** Checks every cut; returns the number of cuts checked. */
    public static int checkEveryCut(OnnxModel model, ModelAnalysis analysis, long seed) {
        return checkCuts(model, analysis, seed, analysis.cuts());
    }

    /** Checks the given cuts of the model; returns the number of cuts checked. */
    public static int checkCuts(
            OnnxModel model, ModelAnalysis analysis, long seed, List<Cut> cuts) {
        Set<String> cutTensors = new LinkedHashSet<>();
        for (Cut cut : cuts) {
            cutTensors.addAll(cut.tensorNames());
        }
        TensorData input = Tensors.random(analysis.input(), 1, seed);
        Map<String, TensorData> reference = new HashMap<>();
        OnnxModel exposed = ReferenceModels.exposing(model, analysis, cutTensors);
        try (ModelRunner full = ModelRunner.open(exposed, OPTIONS)) {
            full.run(input).forEach(t -> reference.put(t.name(), t));
        }
        TensorData expected = reference.get(analysis.output().name());
        for (Cut cut : cuts) {
            checkCut(model, analysis, cut, input, reference, expected);
        }
        return cuts.size();
    }

    private static void checkCut(
            OnnxModel model,
            ModelAnalysis analysis,
            Cut cut,
            TensorData input,
            Map<String, TensorData> reference,
            TensorData expected) {
        SplitModels split = ModelSplitter.split(model, analysis, cut.index());
        assertThat(split.cutTensors()).isEqualTo(cut.tensors());
        List<TensorData> activations;
        try (ModelRunner head = ModelRunner.open(split.head(), OPTIONS)) {
            assertThat(head.outputs()).extracting(TensorSpec::name).isEqualTo(cut.tensorNames());
            activations = head.run(input);
        }
        for (TensorData a : activations) {
            assertThat(Tensors.relativeError(a, reference.get(a.name())))
                    .as("cut %d (%s): head output %s", cut.index(), cut.label(), a.name())
                    .isLessThan(TOLERANCE);
        }
        try (ModelRunner tail = ModelRunner.open(split.tail(), OPTIONS)) {
            assertThat(tail.inputs()).isEqualTo(cut.tensors());
            TensorData output = tail.run(activations).get(0);
            assertThat(Tensors.relativeError(output, expected))
                    .as("cut %d (%s): tail(head(x)) vs full model", cut.index(), cut.label())
                    .isLessThan(TOLERANCE);
        }
    }
}
