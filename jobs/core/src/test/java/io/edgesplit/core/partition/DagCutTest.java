package io.edgesplit.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.graph.TestGraphs;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagCutTest {

    private final EdgeServerProfile edge = EdgeServerProfiles.defaultProfile();

    @Test
    void choiceEqualsBruteForceOnBranchingGraphsForManyBandwidthsClocksAndObjectives() {
        for (String type : DeviceProfiles.builtinNames()) {
            DeviceProfile device = DeviceProfiles.builtin(type);
            for (ModelGraph graph : List.of(TestGraphs.twoBranch(), TestGraphs.residual())) {
                for (long clock : List.of(device.gpu().clocksHz().get(0), device.maxClockHz())) {
                    for (double bps = 1e3; bps <= 1e12; bps *= 10) {
                        for (DagCut.Objective o : DagCut.Objective.values()) {
                            DagCut.Choice c = DagCut.solve(graph, device, clock, edge, bps, o);
                            double best = bruteForce(graph, device, clock, bps, o);
                            assertThat(c.cost()).isCloseTo(best, within(best));
                            assertThat(c.partition().carriable()).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void extremesOfBandwidthGiveDeviceOnlyAndEdgeOnlyForLatency() {
        DeviceProfile device = DeviceProfiles.builtin(DeviceProfiles.builtinNames().get(0));
        ModelGraph graph = TestGraphs.twoBranch();
        long clock = device.maxClockHz();
        DagCut.Choice slow = DagCut.solve(graph, device, clock, edge, 1, DagCut.Objective.LATENCY);
        assertThat(slow.partition().nodesOf(Partition.EDGE)).isEmpty();
        DagCut.Choice fast =
                DagCut.solve(graph, device, clock, edge, 1e15, DagCut.Objective.LATENCY);
        assertThat(fast.partition().nodesOf(Partition.DEVICE)).isEmpty();
    }

    @Test
    void rejectsBadBandwidthAndUnknownClock() {
        DeviceProfile device = DeviceProfiles.builtin(DeviceProfiles.builtinNames().get(0));
        ModelGraph graph = TestGraphs.twoBranch();
        assertThatThrownBy(
                        () ->
                                DagCut.solve(
                                        graph,
                                        device,
                                        device.maxClockHz(),
                                        edge,
                                        0,
                                        DagCut.Objective.LATENCY))
                .hasMessageContaining("bandwidth");
        assertThatThrownBy(
                        () -> DagCut.solve(graph, device, 7, edge, 1e6, DagCut.Objective.LATENCY))
                .hasMessageContaining("clock");
    }

    private double bruteForce(
            ModelGraph graph, DeviceProfile device, long clock, double bps, DagCut.Objective o) {
        DagCut.Problem p = DagCut.problem(graph, device, clock, edge, bps, o);
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < (1 << p.n()); mask++) {
            BitSet set = BitSet.valueOf(new long[] {mask});
            if (MinCut.closed(p.tensors(), set)) {
                best = Math.min(best, DagCut.cost(graph, device, clock, edge, bps, o, set));
            }
        }
        return best;
    }

    private static org.assertj.core.data.Offset<Double> within(double best) {
        return org.assertj.core.data.Offset.offset(1e-9 * Math.max(1e-12, best));
    }
}
