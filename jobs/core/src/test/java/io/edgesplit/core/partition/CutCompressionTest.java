package io.edgesplit.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

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

class CutCompressionTest {

    private static final EdgeServerProfile EDGE = EdgeServerProfiles.defaultProfile();

    @Test
    void compressedAndFullGraphsHaveEqualOptimaOnRandomDags() {
        Random random = new Random(2022);
        for (int i = 0; i < 150; i++) {
            ModelGraph graph =
                    RandomDags.dag(random, "random-" + i, 1 + random.nextInt(40), 30, false);
            assertPreservesOptimum(CutCompression.compress(graph));
        }
    }

    @Test
    void compressedAndFullGraphsHaveEqualOptimaOnTheTestGraphs() {
        for (ModelGraph graph :
                List.of(TestGraphs.chain(), TestGraphs.residual(), TestGraphs.twoBranch())) {
            assertPreservesOptimum(CutCompression.compress(graph));
        }
        // c cannot be carried: stem's output s and conv stay together with add
        ModelGraph uncarried = TestGraphs.residualBuilder().build();
        CutCompression.Compressed c = CutCompression.compress(uncarried);
        assertThat(c.groupOf(1)).isEqualTo(c.groupOf(2));
        assertPreservesOptimum(c);
    }

    @Test
    void theOptimalSetsAreNestedSoTheirCutsArePrefixesOfTheGroups() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            ModelGraph graph = RandomDags.dag(random, "nested-" + i, 30, 30, false);
            List<BitSet> sets = CutCompression.optimalSets(graph);
            for (BitSet a : sets) {
                for (BitSet b : sets) {
                    BitSet aOnly = (BitSet) a.clone();
                    aOnly.andNot(b);
                    BitSet bOnly = (BitSet) b.clone();
                    bOnly.andNot(a);
                    assertThat(aOnly.isEmpty() || bOnly.isEmpty()).as("%s %s", a, b).isTrue();
                }
            }
            assertThat(CutCompression.compress(graph).graph().nodeCount())
                    .isLessThanOrEqualTo(sets.size() + 1);
        }
    }

    @Test
    void theTableOfTheCompressedGraphChoosesCutsAsGoodAsTheFullGraph() {
        Random random = new Random(11);
        DeviceProfile device = DeviceProfiles.builtin(DeviceProfiles.builtinNames().get(0));
        long clock = device.maxClockHz();
        for (int i = 0; i < 10; i++) {
            ModelGraph graph = RandomDags.dag(random, "table-" + i, 40, 30, false);
            for (DagCut.Objective o : DagCut.Objective.values()) {
                BandwidthTable table =
                        BandwidthTable.build(
                                CutCompression.compress(graph), device, clock, EDGE, o, 1e3, 1e12);
                for (int k = 0; k < 20; k++) {
                    double bps = Math.pow(10, 3 + 9 * random.nextDouble());
                    double best = DagCut.solve(graph, device, clock, EDGE, bps, o).cost();
                    Partition cut = table.lookup(bps);
                    assertThat(cut.graph()).isSameAs(graph);
                    double cost = DagCut.cost(graph, device, clock, EDGE, bps, o, deviceSet(cut));
                    assertThat(cost).isCloseTo(best, within(1e-4 * best));
                }
            }
        }
    }

    /** Checks the optimum at bandwidths 1 kbit/s to 1 Tbit/s, both objectives, every device. */
    static void assertPreservesOptimum(CutCompression.Compressed c) {
        ModelGraph full = c.full();
        for (String type : DeviceProfiles.builtinNames()) {
            DeviceProfile device = DeviceProfiles.builtin(type);
            for (long clock : List.of(device.gpu().clocksHz().get(0), device.maxClockHz())) {
                for (double bps = 1e3; bps <= 1e12; bps *= 10) {
                    for (DagCut.Objective o : DagCut.Objective.values()) {
                        DagCut.Choice whole = DagCut.solve(full, device, clock, EDGE, bps, o);
                        DagCut.Choice small = DagCut.solve(c.graph(), device, clock, EDGE, bps, o);
                        Partition back = c.expand(small.partition());
                        double backCost =
                                DagCut.cost(full, device, clock, EDGE, bps, o, deviceSet(back));
                        double tolerance = 1e-9 * Math.max(1e-12, whole.cost());
                        String what = full + " " + type + " " + clock + " " + bps + " " + o;
                        assertThat(small.cost())
                                .as(what)
                                .isCloseTo(whole.cost(), within(tolerance));
                        assertThat(backCost).as(what).isCloseTo(whole.cost(), within(tolerance));
                    }
                }
            }
        }
    }

    private static BitSet deviceSet(Partition p) {
        BitSet set = new BitSet();
        p.nodesOf(Partition.DEVICE).forEach(set::set);
        return set;
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }
}
