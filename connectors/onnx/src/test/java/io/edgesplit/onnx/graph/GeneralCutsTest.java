package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.partition.DagCut;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis' cuts contain the optimum over every predecessor-closed node set: the best of its
 * cuts equals the full-graph min-cut ({@link DagCut}, JGraphT) for both objectives, at every
 * device, clock and bandwidth tried. Without the general cuts this fails on tiny-branches.
 */
class GeneralCutsTest {

    private static final EdgeServerProfile EDGE = new EdgeServerProfile("edge", "", 2e12);

    @Test
    void tinyBranchesHasOneGeneralCutThatRunsBothReductions() {
        ModelAnalysis a = ModelAnalyzer.analyze(ModelZoo.build("tiny-branches"), null);
        List<Cut> general = a.cuts().stream().filter(c -> !c.prefix()).toList();
        assertThat(general).hasSize(1);
        Cut g = general.get(0);
        assertThat(g.deviceNodes()).hasSize(2);
        assertThat(g.deviceNodes().stream().map(n -> a.nodes().get(n).name()))
                .containsExactlyInAnyOrder("reduce_a", "reduce_b");
        assertThat(g.bytes()).isEqualTo(2 * 4 * 16 * 16 * 4);
        assertThat(g.index()).isEqualTo(a.lastCut() - 1);
        assertThat(a.cut(a.lastCut()).label()).isEqualTo("output");
        assertThat(a.toProfile().cut(g.index()).general()).isTrue();
        assertThat(a.toProfile().cuts().stream().filter(c -> c.general()).count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-chain", "tiny-residual", "tiny-branches", "tiny-densenet"})
    void theBestCutOfTheAnalysisIsTheFullGraphMinCut(String name) {
        ModelAnalysis a = ModelAnalyzer.analyze(ModelZoo.build(name), null);
        Random rnd = new Random(name.hashCode());
        for (String type : List.of("jetson-nano", "jetson-tx2", "jetson-agx-orin")) {
            DeviceProfile d = DeviceProfiles.builtin(type);
            List<Long> clocks = d.gpu().clocksHz();
            for (int k = 0; k < 25; k++) {
                long clock = clocks.get(rnd.nextInt(clocks.size()));
                double bw = Math.pow(10, 5 + 5 * rnd.nextDouble());
                for (DagCut.Objective o : DagCut.Objective.values()) {
                    double minCut = DagCut.solve(a.graph(), d, clock, EDGE, bw, o).cost();
                    double best = Double.POSITIVE_INFINITY;
                    for (Cut c : a.cuts()) {
                        best = Math.min(best, cost(a, c, d, clock, bw, o));
                    }
                    assertThat(best)
                            .as("%s on %s at %d Hz, %.0f bit/s, %s", name, type, clock, bw, o)
                            .isCloseTo(
                                    minCut, org.assertj.core.data.Percentage.withPercentage(1e-6));
                }
            }
        }
    }

    /** DagCut's objective for one cut of the analysis (the output's way back is not charged). */
    private static double cost(
            ModelAnalysis a, Cut c, DeviceProfile d, long clock, double bw, DagCut.Objective o) {
        double head = c.headMacs() / d.gpu().macsPerSecondAtMax() * d.gpu().slowdownAt(clock);
        double transfer = c.index() == a.lastCut() ? 0 : 8.0 * c.bytes() / bw;
        if (o == DagCut.Objective.ENERGY) {
            return head * d.gpu().busyPowerW(d.gpu().indexOf(clock))
                    + transfer * d.radio().txPowerW(bw);
        }
        return head + c.tailMacs() / EDGE.macsPerSecond() + transfer;
    }
}
