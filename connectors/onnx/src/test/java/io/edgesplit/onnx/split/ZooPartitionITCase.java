package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.partition.PrefixCuts;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partitions against the numbered cuts (prefix and general) on every zoo model, and partitions that
 * cuts cannot express (three parties, a device side that is not a topological prefix) run end to
 * end on ResNet-18.
 */
class ZooPartitionITCase {

    private static final double MAX_ABS_DIFF = 1e-4;
    private static final List<String> THREE_STAGES = List.of("stage-1", "stage-2", "stage-3");

    static List<String> zoo() {
        return ModelZoo.names();
    }

    @ParameterizedTest
    @MethodSource("zoo")
    void prefixCutsAreTheNumberedCutsAndSplitTheSame(String name) {
        OnnxModel model = ModelZoo.build(name);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);

        List<Partition> prefixCuts = new PrefixCuts().candidates(analysis.graph());

        assertThat(prefixCuts)
                .extracting(p -> p.boundary(0))
                .isEqualTo(
                        analysis.cuts().stream()
                                .filter(Cut::prefix)
                                .map(Cut::tensorNames)
                                .toList());
        int prefix = 0;
        for (Cut cut : analysis.cuts()) {
            // general (DAG) cuts sit between the prefix cuts and the output cut
            Partition partition =
                    cut.prefix() ? prefixCuts.get(prefix++) : cut.partition(analysis.graph());
            assertThat(partition.nodesOf(Partition.DEVICE)).hasSize(cut.position());
            assertThat(partition.boundaryBytes(0)).isEqualTo(cut.bytes());
            assertThat(partition.macs(0)).isEqualTo(cut.headMacs());
            SplitModels byIndex = ModelSplitter.split(model, analysis, cut.index());
            List<Stage> byPartition = ModelSplitter.split(model, analysis, partition);
            assertThat(byPartition.get(0).outputs()).isEqualTo(cut.tensors());
            assertThat(byPartition.get(1).inputs()).isEqualTo(cut.tensors());
            assertSameModel(byPartition.get(0).model(), byIndex.head());
            assertSameModel(byPartition.get(1).model(), byIndex.tail());
        }
    }

    @Test
    void resNet18RunsAsThreeStagesCutInsideResidualBlocks() {
        OnnxModel model = ModelZoo.build("resnet18");
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        ModelGraph graph = analysis.graph();
        int firstEnd = node(graph, "layer2.0.relu1");
        int secondEnd = node(graph, "layer3.0.conv2");
        int[] parties = new int[graph.nodeCount()];
        for (int n = 0; n < parties.length; n++) {
            parties[n] = n <= firstEnd ? 0 : n <= secondEnd ? 1 : 2;
        }
        Partition stages = Partition.of(graph, THREE_STAGES, parties);

        List<Stage> split = ModelSplitter.split(model, analysis, stages);

        assertThat(stages.boundaries())
                .containsExactly(
                        List.of("layer1.1.relu2", "layer2.0.relu1"),
                        List.of("layer2.1.relu2", "layer3.0.conv2"));
        assertReproducesTheModel(model, analysis, split, 31);
    }

    @Test
    void resNet18DeviceMayRunAShortcutButNotItsBlock() {
        OnnxModel model = ModelZoo.build("resnet18");
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        ModelGraph graph = analysis.graph();
        Set<Integer> device = new HashSet<>();
        IntStream.range(0, node(graph, "layer2.0.conv1")).forEach(device::add);
        device.add(node(graph, "layer2.0.downsample"));
        Partition partition = Partition.deviceEdge(graph, device);

        List<Stage> split = ModelSplitter.split(model, analysis, partition);

        assertThat(device).doesNotContain(node(graph, "layer2.0.conv2"));
        assertThat(partition.boundary(0)).containsExactly("layer1.1.relu2", "layer2.0.downsample");
        assertThat(partition.boundaryBytes(0)).isEqualTo(802_816 + 401_408);
        assertReproducesTheModel(model, analysis, split, 32);
    }

    private static void assertReproducesTheModel(
            OnnxModel model, ModelAnalysis analysis, List<Stage> stages, long seed) {
        TensorData x = Tensors.random(analysis.input(), 1, seed);
        TensorData expected = StageChain.full(model, x);

        List<TensorData> out = StageChain.run(stages, x);

        assertThat(Tensors.maxAbsDiff(out.get(0), expected)).isLessThan(MAX_ABS_DIFF);
    }

    /** Same opsets, metadata, nodes, inputs, outputs, initializers and value infos. */
    private static void assertSameModel(OnnxModel actual, OnnxModel expected) {
        assertThat(withoutGraphName(actual.proto())).isEqualTo(withoutGraphName(expected.proto()));
    }

    private static ModelProto withoutGraphName(ModelProto proto) {
        GraphProto graph = proto.getGraph().toBuilder().clearName().build();
        return proto.toBuilder().setGraph(graph).build();
    }

    private static int node(ModelGraph graph, String name) {
        return graph.nodes().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow()
                .index();
    }
}
