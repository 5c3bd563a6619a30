package io.edgesplit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.core.device.DeviceProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final long SEED = 42;

    private static DeviceNetwork lan(double bps, String... types) {
        return lan(bps, 0.0005, types);
    }

    private static DeviceNetwork lan(double bps, double latencyS, String... types) {
        DeviceNetwork.Builder b = DeviceNetwork.builder();
        for (int i = 0; i < types.length; i++) {
            b.device(new NetDevice("d" + i, DeviceProfiles.builtin(types[i]), 8L << 30));
        }
        return b.lan(bps, latencyS).build();
    }

    @Test
    void dynamicProgrammingMatchesEveryCutCombination() {
        SplittableRandom r = new SplittableRandom(7);
        for (int instance = 0; instance < 20; instance++) {
            PipelineModel m = TestPipelines.randomChain(r, "m" + instance);
            DeviceNetwork net = TestPipelines.randomNetwork(r, 4);
            CostModel cost = new CostModel(m, net);
            List<int[]> stages = List.of(new int[] {2}, new int[] {0, 1}, new int[] {3});
            double dp = InterLayerDp.solve(cost, stages).period();
            assertThat(dp).isEqualTo(bruteForce(cost, stages));
        }
    }

    private static double bruteForce(CostModel cost, List<int[]> stages) {
        int c = cost.model().cutCount();
        double best = Double.POSITIVE_INFINITY;
        for (int a = 1; a < c; a++) {
            for (int b = a + 1; b < c - 1 + 1; b++) {
                if (b >= c - 1) {
                    continue;
                }
                double t0 = cost.time(stages.get(0), cost.network().source(), 0, a);
                double t1 = cost.time(stages.get(1), cost.leader(stages.get(0)), a, b);
                double t2 = cost.time(stages.get(2), cost.leader(stages.get(1)), b, c - 1);
                best = Math.min(best, Math.max(t0, Math.max(t1, t2)));
            }
        }
        return best;
    }

    @Test
    void psoIsWithinTwoPercentOfExhaustiveOnFiftyRandomInstances() {
        SplittableRandom r = new SplittableRandom(SEED);
        List<Double> ratios = new ArrayList<>();
        int instance = 0;
        while (ratios.size() < 50) {
            PipelineModel m = TestPipelines.randomChain(r, "m" + instance);
            DeviceNetwork net = TestPipelines.randomNetwork(r, 2 + instance % 5);
            instance++;
            Plan exhaustive = Planner.plan(m, net, Planner.Algorithm.EXHAUSTIVE, SEED);
            Plan pso = Planner.plan(m, net, Planner.Algorithm.PSO, SEED);
            assertThat(pso.feasible()).isEqualTo(exhaustive.feasible());
            if (exhaustive.feasible()) {
                ratios.add(pso.predictedFps() / exhaustive.predictedFps());
            }
        }
        assertThat(ratios).allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(0.98));
    }

    @Test
    void exhaustiveIsAtLeastAsGoodAsEveryPipelineBaseline() {
        SplittableRandom r = new SplittableRandom(3);
        for (int instance = 0; instance < 10; instance++) {
            PipelineModel m = TestPipelines.randomChain(r, "m" + instance);
            DeviceNetwork net = TestPipelines.randomNetwork(r, 4);
            double best = Planner.plan(m, net, Planner.Algorithm.EXHAUSTIVE, SEED).predictedFps();
            for (Planner.Algorithm a :
                    List.of(
                            Planner.Algorithm.PSO,
                            Planner.Algorithm.GREEDY,
                            Planner.Algorithm.INTER_ONLY,
                            Planner.Algorithm.SINGLE)) {
                assertThat(Planner.plan(m, net, a, SEED).predictedFps())
                        .as(a.label())
                        .isLessThanOrEqualTo(best * (1 + 1e-12));
            }
        }
    }

    @Test
    void plansAreDeterministicForASeed() {
        SplittableRandom r = new SplittableRandom(11);
        PipelineModel m = TestPipelines.randomChain(r, "m");
        DeviceNetwork net = TestPipelines.randomNetwork(r, 9);
        Plan a = Planner.plan(m, net, Planner.Algorithm.PSO, SEED);
        Plan b = Planner.plan(m, net, Planner.Algorithm.PSO, SEED);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aStageOfSeveralDevicesSplitsRowsBySpeedAndTheLeaderRunsTheClassifier() {
        PipelineModel m = TestPipelines.vggLike();
        DeviceNetwork net = lan(1e10, "jetson-tx2", "jetson-tx2", "jetson-nano");
        CostModel cost = new CostModel(m, net);
        StagePlan s = cost.stage(new int[] {0, 1, 2}, 0, 0, m.cutCount() - 1);
        assertThat(s.leader()).isZero();
        assertThat(s.splitEnd()).isEqualTo(m.nodeCount() - 2);
        assertThat(s.members())
                .extracting(StagePlan.Member::share)
                .containsExactly(100 / 235.0, 100 / 235.0, 35 / 235.0);
        assertThat(s.members().get(2).rowTo()).isEqualTo(m.rowsAt(s.splitEnd()));
        // halos: together the members compute more than the split part's MACs
        double computed =
                s.members().stream().mapToDouble(x -> x.computeS() * cost.speed(x.device())).sum();
        assertThat(computed).isGreaterThan(m.macs(0, s.splitEnd()));
        assertThat(s.wholeS()).isCloseTo(m.macs(s.splitEnd(), m.nodeCount()) / 1e11, within(1e-15));
        double slowest =
                s.members().stream().mapToDouble(StagePlan.Member::totalS).max().orElseThrow();
        assertThat(s.timeS()).isCloseTo(slowest + s.wholeS(), within(1e-15));
    }

    @Test
    void aFastLanMakesSplittingPayAndASlowOneDoesNot() {
        PipelineModel m = TestPipelines.vggLike();
        DeviceNetwork fastLan = lan(1e10, 0, "jetson-tx2", "jetson-tx2");
        DeviceNetwork slowLan = lan(1e5, 0, "jetson-tx2", "jetson-tx2");
        double single = Planner.plan(m, fastLan, Planner.Algorithm.SINGLE, SEED).predictedFps();
        double fast = Planner.plan(m, fastLan, Planner.Algorithm.EXHAUSTIVE, SEED).predictedFps();
        double slow = Planner.plan(m, slowLan, Planner.Algorithm.EXHAUSTIVE, SEED).predictedFps();
        assertThat(fast).isGreaterThan(1.5 * single);
        assertThat(slow).isCloseTo(single, within(single * 1e-9));
    }

    @Test
    void memoryLimitsAreRespected() {
        PipelineModel m = TestPipelines.vggLike();
        long need = m.weightBytes(0, m.nodeCount()) + m.activationBytes(0, m.cutCount() - 1);
        DeviceNetwork small =
                DeviceNetwork.builder()
                        .device(
                                new NetDevice(
                                        "orin",
                                        DeviceProfiles.builtin("jetson-agx-orin"),
                                        need / 4))
                        .device(new NetDevice("nano", DeviceProfiles.builtin("jetson-nano"), need))
                        .lan(1e5, 0)
                        .build();
        Plan single = Planner.plan(m, small, Planner.Algorithm.SINGLE, SEED);
        assertThat(single.stages())
                .singleElement()
                .satisfies(s -> assertThat(s.leader()).isEqualTo(1));
        for (Planner.Algorithm a : Planner.Algorithm.values()) {
            Plan p = Planner.plan(m, small, a, SEED);
            for (StagePlan s : p.stages()) {
                for (StagePlan.Member x : s.members()) {
                    assertThat(x.memoryBytes())
                            .as(a.label())
                            .isLessThanOrEqualTo(small.device(x.device()).memoryBytes());
                }
            }
        }
        DeviceNetwork tiny =
                DeviceNetwork.builder()
                        .device(new NetDevice("n", DeviceProfiles.builtin("jetson-nano"), 1000))
                        .build();
        assertThat(Planner.plan(m, tiny, Planner.Algorithm.PSO, SEED).feasible()).isFalse();
    }

    @Test
    void dataParallelAddsTheDevicesRates() {
        PipelineModel m = TestPipelines.vggLike();
        DeviceNetwork net = lan(1e9, "jetson-tx2", "jetson-nano");
        Plan p = Planner.plan(m, net, Planner.Algorithm.DATA_PARALLEL, SEED);
        double in = 0.0005 + m.liveBytes(0) * 8 / 1e9;
        double macs = m.macs(0, m.nodeCount());
        assertThat(p.predictedFps())
                .isCloseTo(1e11 / macs + 1 / (in + macs / 3.5e10), within(1e-6));
        assertThat(p.dataParallel()).isTrue();
    }

    @Test
    void unknownAlgorithmsAndLargeExhaustiveSearchesFailInOneLine() {
        assertThatThrownBy(() -> Planner.Algorithm.parse("psoo"))
                .hasMessage(
                        "--algorithm must be one of pso, exhaustive, greedy, inter-only, data-parallel, single, got 'psoo'");
        DeviceNetwork eight = TestPipelines.randomNetwork(new SplittableRandom(1), 8);
        assertThatThrownBy(
                        () ->
                                Planner.plan(
                                        TestPipelines.vggLike(),
                                        eight,
                                        Planner.Algorithm.EXHAUSTIVE,
                                        SEED))
                .hasMessage("--algorithm exhaustive handles up to 7 devices, got 8: use pso");
    }
}
