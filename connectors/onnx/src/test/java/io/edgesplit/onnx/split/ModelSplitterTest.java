package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.SplitChecker;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSplitterTest {

    private static final OnnxModel RESIDUAL = ModelZoo.build("tiny-residual");
    private static final ModelAnalysis RESIDUAL_ANALYSIS = ModelAnalyzer.analyze(RESIDUAL, null);
    private static final RunnerOptions OPTIONS = RunnerOptions.builder().intraOpThreads(1).build();

    @ParameterizedTest
    @ValueSource(strings = {"tiny-chain", "tiny-residual", "tiny-branches"})
    void everyCutReproducesTheFullModel(String name) {
        OnnxModel model = ModelZoo.build(name);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);

        int checked = SplitChecker.checkEveryCut(model, analysis, 7);

        assertThat(checked).isEqualTo(analysis.cuts().size()).isGreaterThan(5);
    }

    @Test
    void initializersGoOnlyToThePartThatReadsThem() {
        Cut afterBlock1 = cutAfter("block1.relu2");
        SplitModels split = ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, afterBlock1.index());

        Set<String> head = initializers(split.head());
        Set<String> tail = initializers(split.tail());

        assertThat(head)
                .contains("conv1.weight", "block1.conv2.bias")
                .doesNotContain("logits.weight");
        assertThat(tail)
                .contains("block2.downsample.weight", "logits.weight")
                .doesNotContain("conv1.weight");
        assertThat(head).doesNotContainAnyElementsOf(tail);
        assertThat(head.size() + tail.size())
                .isEqualTo(RESIDUAL.proto().getGraph().getInitializerCount());
    }

    @Test
    void sharedConstantsAreDuplicated() {
        OnnxModel mobilenet = ModelZoo.build("mobilenetv2");
        ModelAnalysis analysis = ModelAnalyzer.analyze(mobilenet, null);
        int middle = analysis.lastCut() / 2;

        SplitModels split = ModelSplitter.split(mobilenet, analysis, middle);

        assertThat(initializers(split.head())).contains("relu6.min", "relu6.max");
        assertThat(initializers(split.tail())).contains("relu6.min", "relu6.max");
    }

    @Test
    void multiTensorCutCrossesAResidualBlock() {
        Cut inBlock = cutAfter("block1.relu1");

        SplitModels split = ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, inBlock.index());

        assertThat(split.cutTensors())
                .extracting(TensorSpec::name)
                .containsExactly("relu", "block1.relu1");
        assertThat(split.head().outputs()).hasSize(2);
        assertThat(split.tail().inputs()).hasSize(2);
    }

    @Test
    void firstCutHasAnIdentityHeadAndLastCutAnIdentityTail() {
        SplitModels first = ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, 0);
        SplitModels last =
                ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, RESIDUAL_ANALYSIS.lastCut());

        assertThat(first.head().proto().getGraph().getNodeCount()).isZero();
        assertThat(first.head().proto().getGraph().getInitializerCount()).isZero();
        assertThat(first.tail().proto().getGraph().getNodeCount())
                .isEqualTo(RESIDUAL.proto().getGraph().getNodeCount());
        assertThat(last.tail().proto().getGraph().getNodeCount()).isZero();
        assertThat(last.cutTensors()).extracting(TensorSpec::name).containsExactly("logits");

        TensorData x = Tensors.random(RESIDUAL_ANALYSIS.input(), 1, 3);
        try (ModelRunner identity = ModelRunner.open(first.head(), OPTIONS)) {
            assertThat(identity.run(x).get(0).data()).isEqualTo(x.data());
        }
    }

    @Test
    void tailKeepsTheSymbolicBatchDimension() {
        Cut cut = cutAfter("block1.relu1");
        SplitModels split = ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, cut.index());
        List<TensorData> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(Tensors.random(RESIDUAL_ANALYSIS.input(), 1, 100 + i));
        }
        try (ModelRunner head = ModelRunner.open(split.head(), OPTIONS);
                ModelRunner tail = ModelRunner.open(split.tail(), OPTIONS)) {
            assertThat(tail.maxBatch()).isGreaterThan(1);
            List<List<TensorData>> perSample = new ArrayList<>();
            for (TensorData s : samples) {
                perSample.add(head.run(s));
            }
            List<TensorData> batched = new ArrayList<>();
            for (int t = 0; t < cut.tensors().size(); t++) {
                int k = t;
                batched.add(Tensors.stack(perSample.stream().map(l -> l.get(k)).toList()));
            }

            TensorData out = tail.run(batched).get(0);

            assertThat(out.shape()).containsExactly(3, 10);
            for (int i = 0; i < 3; i++) {
                TensorData single = tail.run(perSample.get(i)).get(0);
                assertThat(Tensors.relativeError(Tensors.sample(out, i), single)).isLessThan(1e-5);
            }
        }
    }

    @Test
    void cutOutOfRangeNamesTheValidRange() {
        int last = RESIDUAL_ANALYSIS.lastCut();

        assertThatThrownBy(() -> ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, last + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "cut "
                                + (last + 1)
                                + " is out of range for model tiny-residual: valid cuts are 0.."
                                + last);
        assertThatThrownBy(() -> ModelSplitter.split(RESIDUAL, RESIDUAL_ANALYSIS, -1))
                .hasMessageContaining("valid cuts are 0.." + last);
    }

    @Test
    void rejectsTheAnalysisOfAnotherModel() {
        OnnxModel chain = ModelZoo.build("tiny-chain");

        assertThatThrownBy(() -> ModelSplitter.split(chain, RESIDUAL_ANALYSIS, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to model tiny-chain");
    }

    private static Cut cutAfter(String node) {
        return RESIDUAL_ANALYSIS.cuts().stream()
                .filter(c -> c.label().startsWith("after " + node + " "))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> initializers(OnnxModel model) {
        GraphProto g = model.proto().getGraph();
        return g.getInitializerList().stream()
                .map(TensorProto::getName)
                .collect(Collectors.toSet());
    }
}
