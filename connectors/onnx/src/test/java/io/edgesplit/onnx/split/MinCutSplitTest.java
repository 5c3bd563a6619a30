package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.partition.BandwidthTable;
import io.edgesplit.core.partition.DagCut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.StageChain;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cuts that min-cut chooses, and every predecessor-closed device side, of a branching zoo model
 * split into a head and a tail that reproduce the model on ONNX Runtime.
 */
class MinCutSplitTest {

    private static final OnnxModel RESIDUAL = ModelZoo.build("tiny-residual");
    private static final ModelAnalysis ANALYSIS = ModelAnalyzer.analyze(RESIDUAL, null);

    @Test
    void everyCutOfEveryBandwidthTableReproducesTheModelOnOnnxRuntime() {
        Set<Partition> cuts = new LinkedHashSet<>();
        for (String type : DeviceProfiles.builtinNames()) {
            DeviceProfile device = DeviceProfiles.builtin(type);
            for (DagCut.Objective o : DagCut.Objective.values()) {
                cuts.addAll(
                        BandwidthTable.build(
                                        ANALYSIS.graph(),
                                        device,
                                        device.maxClockHz(),
                                        EdgeServerProfiles.defaultProfile(),
                                        o,
                                        1e3,
                                        1e12)
                                .cuts());
            }
        }
        // device-only and edge-only at least, and something in between
        assertThat(cuts).hasSizeGreaterThanOrEqualTo(3);
        TensorData x = Tensors.random(ANALYSIS.input(), 1, 11);
        TensorData expected = StageChain.full(RESIDUAL, x);
        for (Partition cut : cuts) {
            List<Stage> stages = ModelSplitter.split(RESIDUAL, ANALYSIS, cut);
            List<TensorData> out = StageChain.run(stages, x);
            assertThat(out).hasSize(1);
            assertThat(Tensors.maxAbsDiff(out.get(0), expected)).as("%s", cut).isLessThan(1e-4);
        }
    }

    @Test
    void everyPredecessorClosedDeviceSideReproducesTheModelOnOnnxRuntime() {
        ModelGraph graph = ANALYSIS.graph();
        int n = graph.nodeCount();
        assertThat(n).isLessThanOrEqualTo(20);
        TensorData x = Tensors.random(ANALYSIS.input(), 1, 12);
        TensorData expected = StageChain.full(RESIDUAL, x);
        int multiTensor = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            Set<Integer> device = new HashSet<>();
            for (int v = 0; v < n; v++) {
                if ((mask & (1 << v)) != 0) {
                    device.add(v);
                }
            }
            if (!closed(graph, device)) {
                continue;
            }
            Partition cut = Partition.deviceEdge(graph, device);
            multiTensor += cut.boundary(0).size() > 1 ? 1 : 0;
            List<TensorData> out = StageChain.run(ModelSplitter.split(RESIDUAL, ANALYSIS, cut), x);
            assertThat(Tensors.maxAbsDiff(out.get(0), expected)).as("%s", cut).isLessThan(1e-4);
        }
        assertThat(multiTensor).isPositive();
    }

    @Test
    void minCutsOfTheManyBranchDenseNetReproduceTheModelOnOnnxRuntime() {
        OnnxModel dense = ModelZoo.build("tiny-densenet");
        ModelAnalysis analysis = ModelAnalyzer.analyze(dense, null);
        assertThat(analysis.graph().nodeCount()).isGreaterThan(300);
        DeviceProfile device = DeviceProfiles.builtin(DeviceProfiles.builtinNames().get(0));
        Set<Partition> cuts = new LinkedHashSet<>();
        for (DagCut.Objective o : DagCut.Objective.values()) {
            for (double bps = 1e3; bps <= 1e12; bps *= 10) {
                cuts.add(
                        DagCut.solve(
                                        analysis.graph(),
                                        device,
                                        device.maxClockHz(),
                                        EdgeServerProfiles.defaultProfile(),
                                        bps,
                                        o)
                                .partition());
            }
        }
        assertThat(cuts).hasSizeGreaterThanOrEqualTo(3);
        // and the closures of a few random nodes inside dense blocks: many tensors cross them
        Random random = new Random(14);
        for (int k = 0; k < 3; k++) {
            Set<Integer> side = closure(analysis.graph(), random.nextInt(300));
            Partition cut = Partition.deviceEdge(analysis.graph(), side);
            cuts.add(cut);
        }
        assertThat(cuts).anyMatch(c -> c.boundary(0).size() > 2);
        TensorData x = Tensors.random(analysis.input(), 1, 13);
        TensorData expected = StageChain.full(dense, x);
        for (Partition cut : cuts) {
            List<TensorData> out = StageChain.run(ModelSplitter.split(dense, analysis, cut), x);
            assertThat(Tensors.maxAbsDiff(out.get(0), expected)).as("%s", cut).isLessThan(1e-4);
        }
    }

    private static Set<Integer> closure(ModelGraph graph, int node) {
        Set<Integer> device = new HashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            int v = todo.pop();
            if (device.add(v)) {
                for (String r : graph.node(v).reads()) {
                    int p = graph.tensor(r).orElseThrow().producer();
                    if (p != ModelGraph.GRAPH_INPUT) {
                        todo.push(p);
                    }
                }
            }
        }
        return device;
    }

    private static boolean closed(ModelGraph graph, Set<Integer> device) {
        for (ModelGraph.Tensor t : graph.tensors()) {
            boolean onEdge =
                    t.producer() != ModelGraph.GRAPH_INPUT && !device.contains(t.producer());
            if (onEdge && t.consumers().stream().anyMatch(device::contains)) {
                return false;
            }
        }
        return true;
    }
}
