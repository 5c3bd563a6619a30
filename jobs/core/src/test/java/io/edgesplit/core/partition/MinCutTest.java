package io.edgesplit.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinCutTest {

    @Test
    void minCutEqualsBruteForceOverClosedSetsOnRandomDags() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(10);
            double[] device = new double[n];
            double[] edge = new double[n];
            for (int i = 0; i < n; i++) {
                device[i] = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 10;
                edge[i] = random.nextDouble() * 2;
            }
            List<MinCut.Tensor> tensors = randomTensors(random, n);
            MinCut.Result cut = MinCut.solve(n, device, edge, tensors);
            assertThat(MinCut.closed(tensors, cut.device())).isTrue();
            double best = bruteForce(n, device, edge, tensors);
            assertThat(cut.cost()).as("round %d", round).isCloseTo(best, within(best));
        }
    }

    @Test
    void sharedTensorIsChargedOnceAndBranchesMayBeSplit() {
        // input -> 0 -> t0 read by 1 and 2; 1 and 2 write tensors read by 3
        List<MinCut.Tensor> tensors =
                List.of(
                        new MinCut.Tensor(MinCut.SOURCE, new int[] {0}, 100),
                        new MinCut.Tensor(0, new int[] {1, 2}, 5),
                        new MinCut.Tensor(1, new int[] {3}, 1),
                        new MinCut.Tensor(2, new int[] {3}, 50));
        double[] device = {1, 40, 1, 40};
        double[] edge = {0, 0, 30, 0};
        MinCut.Result cut = MinCut.solve(4, device, edge, tensors);
        // {} costs 100 + 30, {0} costs 1 + 5 (t0 once, though read twice) + 30 = 36,
        // {0, 2} costs 2 + 5 + 50, {0, 1} 41 + 5 + 1 + 30, {0, 1, 2} 42 + 1 + 50, all 82
        assertThat(cut.device().stream().toArray()).containsExactly(0);
        assertThat(cut.cost()).isEqualTo(36.0);
        BitSet split = new BitSet();
        split.set(0);
        split.set(2);
        assertThat(MinCut.cost(4, device, edge, tensors, split)).isEqualTo(1 + 1 + 5 + 50.0);
    }

    @Test
    void rejectsNegativeCostsAndBadIndices() {
        List<MinCut.Tensor> tensors = List.of(new MinCut.Tensor(MinCut.SOURCE, new int[] {0}, 1));
        assertThatThrownBy(() -> MinCut.solve(1, new double[] {-1}, new double[] {0}, tensors))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                MinCut.solve(
                                        1,
                                        new double[] {1},
                                        new double[] {0},
                                        List.of(new MinCut.Tensor(0, new int[] {3}, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.data.Offset<Double> within(double best) {
        return org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, best));
    }

    private static List<MinCut.Tensor> randomTensors(Random random, int n) {
        List<MinCut.Tensor> tensors = new ArrayList<>();
        tensors.add(new MinCut.Tensor(MinCut.SOURCE, new int[] {0}, random.nextDouble() * 20));
        for (int p = 0; p < n - 1; p++) {
            List<Integer> consumers = new ArrayList<>();
            for (int c = p + 1; c < n; c++) {
                if (c == p + 1 || random.nextInt(3) == 0) {
                    consumers.add(c);
                }
            }
            int[] cs = consumers.stream().mapToInt(Integer::intValue).toArray();
            tensors.add(new MinCut.Tensor(p, cs, random.nextDouble() * 20));
            if (random.nextInt(4) == 0) {
                tensors.add(new MinCut.Tensor(p, new int[] {n - 1}, random.nextDouble() * 5));
            }
        }
        return tensors;
    }

    private static double bruteForce(
            int n, double[] device, double[] edge, List<MinCut.Tensor> tensors) {
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < (1 << n); mask++) {
            BitSet set = BitSet.valueOf(new long[] {mask});
            if (MinCut.closed(tensors, set)) {
                best = Math.min(best, MinCut.cost(n, device, edge, tensors, set));
            }
        }
        return best;
    }
}
