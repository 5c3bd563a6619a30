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
import java.util.Random;
import org.junit.jupiter.api.Test;

class BandwidthTableTest {

    private final EdgeServerProfile edge = EdgeServerProfiles.defaultProfile();

    @Test
    void lookupIsOptimalAtRandomBandwidthsForEveryProfileAndObjective() {
        Random random = new Random(4);
        int changes = 0;
        for (String type : DeviceProfiles.builtinNames()) {
            DeviceProfile device = DeviceProfiles.builtin(type);
            long clock = device.maxClockHz();
            for (ModelGraph graph : List.of(TestGraphs.twoBranch(), TestGraphs.residual())) {
                for (DagCut.Objective o : DagCut.Objective.values()) {
                    BandwidthTable table =
                            BandwidthTable.build(graph, device, clock, edge, o, 1e2, 1e13);
                    changes += table.size() - 1;
                    double[] from = table.breakpoints();
                    for (int i = 1; i < from.length; i++) {
                        assertThat(from[i]).isGreaterThan(from[i - 1]);
                        assertThat(table.cuts().get(i)).isNotEqualTo(table.cuts().get(i - 1));
                    }
                    for (int k = 0; k < 100; k++) {
                        double bps = Math.pow(10, 2 + 11 * random.nextDouble());
                        double best = DagCut.solve(graph, device, clock, edge, bps, o).cost();
                        double got = cost(graph, device, clock, bps, o, table.lookup(bps));
                        assertThat(got).isLessThanOrEqualTo(best * (1 + 1e-4) + 1e-15);
                    }
                }
            }
        }
        // the latency tables of these graphs go from device-only to edge-only
        assertThat(changes).isPositive();
    }

    @Test
    void rejectsBadRange() {
        DeviceProfile device = DeviceProfiles.builtin(DeviceProfiles.builtinNames().get(0));
        assertThatThrownBy(
                        () ->
                                BandwidthTable.build(
                                        TestGraphs.twoBranch(),
                                        device,
                                        device.maxClockHz(),
                                        edge,
                                        DagCut.Objective.LATENCY,
                                        10,
                                        5))
                .hasMessageContaining("minBps");
    }

    private double cost(
            ModelGraph graph,
            DeviceProfile device,
            long clock,
            double bps,
            DagCut.Objective o,
            Partition cut) {
        BitSet set = new BitSet();
        cut.nodesOf(Partition.DEVICE).forEach(set::set);
        return DagCut.cost(graph, device, clock, edge, bps, o, set);
    }
}
