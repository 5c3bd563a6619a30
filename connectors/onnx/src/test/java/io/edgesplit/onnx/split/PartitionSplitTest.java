package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.NodeCost;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.StageChain;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionSplitTest {

    private static final OnnxModel RESIDUAL = ModelZoo.build("tiny-residual");
    private static final ModelAnalysis ANALYSIS = ModelAnalyzer.analyze(RESIDUAL, null);
    private static final ModelGraph GRAPH = ANALYSIS.graph();
    private static final List<String> THREE_STAGES = List.of("stage-1", "stage-2", "stage-3");
    private static final double MAX_ABS_DIFF = 1e-4;

    @Test
    void graphHasTheAnalysedNodesInOrderWithTheirMacs() {
        assertThat(GRAPH.modelId()).isEqualTo("tiny-residual");
        assertThat(GRAPH.nodes())
                .extracting(ModelGraph.Node::name)
                .isEqualTo(ANALYSIS.nodes().stream().map(NodeCost::name).toList());
        assertThat(GRAPH.nodes())
                .extracting(ModelGraph.Node::macs)
                .isEqualTo(ANALYSIS.nodes().stream().map(NodeCost::macs).toList());
        assertThat(GRAPH.totalMacs()).isEqualTo(ANALYSIS.totalMacs());
        assertThat(GRAPH.input().spec()).isEqualTo(ANALYSIS.input());
        assertThat(GRAPH.output().spec()).isEqualTo(ANALYSIS.output());
        assertThat(GRAPH.tensor("relu").orElseThrow().consumers())
                .containsExactly(node("block1.conv1"), node("block1.add"));
    }

    @Test
    void threeStagesPassTheShortcutThroughTheMiddleStage() {
        int[] parties = new int[GRAPH.nodeCount()];
        for (int n = 0; n < parties.length; n++) {
            parties[n] = n <= node("block1.conv1") ? 0 : n == node("block1.relu1") ? 1 : 2;
        }
        Partition stages = Partition.of(GRAPH, THREE_STAGES, parties);

        List<Stage> split = ModelSplitter.split(RESIDUAL, ANALYSIS, stages);

        assertThat(stages.boundaries())
                .containsExactly(List.of("relu", "block1.conv1"), List.of("relu", "block1.relu1"));
        assertThat(split).extracting(Stage::party).isEqualTo(THREE_STAGES);
        assertThat(split.get(1).model().name()).isEqualTo("tiny-residual-stage-2");
        assertThat(split.get(1).outputs())
                .extracting(TensorSpec::name)
                .containsExactly("relu", "block1.relu1");
        assertReproducesTheModel(split, 21);
    }

    @Test
    void emptyMiddleStageIsAnIdentityOverSeveralTensors() {
        int[] parties = new int[GRAPH.nodeCount()];
        for (int n = 0; n < parties.length; n++) {
            parties[n] = n <= node("block1.relu1") ? 0 : 2;
        }

        List<Stage> split =
                ModelSplitter.split(RESIDUAL, ANALYSIS, Partition.of(GRAPH, THREE_STAGES, parties));

        assertThat(split.get(1).model().proto().getGraph().getNodeCount()).isZero();
        assertThat(split.get(1).inputs()).isEqualTo(split.get(1).outputs()).hasSize(2);
        assertReproducesTheModel(split, 22);
    }

    @Test
    void deviceMayRunTheShortcutAndLeaveTheBlockToTheEdge() {
        Set<Integer> device = new HashSet<>();
        IntStream.range(0, node("block2.conv1")).forEach(device::add);
        device.add(node("block2.downsample"));
        Partition shortcutOnDevice = Partition.deviceEdge(GRAPH, device);

        List<Stage> split = ModelSplitter.split(RESIDUAL, ANALYSIS, shortcutOnDevice);

        assertThat(shortcutOnDevice.boundary(0))
                .containsExactly("block1.relu2", "block2.downsample");
        assertThat(split).extracting(Stage::party).containsExactly("device", "edge");
        assertReproducesTheModel(split, 23);
    }

    @Test
    void partitionOfAnotherGraphIsRejected() {
        OnnxModel chain = ModelZoo.build("tiny-chain");
        ModelAnalysis chainAnalysis = ModelAnalyzer.analyze(chain, null);
        Partition chainCut = Partition.devicePrefix(chainAnalysis.graph(), 1);

        assertThatThrownBy(() -> ModelSplitter.split(RESIDUAL, ANALYSIS, chainCut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("partition tiny-chain: device | [")
                .hasMessageEndingWith(
                        "is not a partition of the analysed graph of model tiny-residual; build it"
                                + " from analysis.graph()");
    }

    private static void assertReproducesTheModel(List<Stage> stages, long seed) {
        TensorData x = Tensors.random(ANALYSIS.input(), 1, seed);
        TensorData expected = StageChain.full(RESIDUAL, x);

        List<TensorData> out = StageChain.run(stages, x);

        assertThat(out).hasSize(1);
        assertThat(Tensors.maxAbsDiff(out.get(0), expected)).isLessThan(MAX_ABS_DIFF);
    }

    private static int node(String name) {
        return GRAPH.nodes().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow()
                .index();
    }
}
