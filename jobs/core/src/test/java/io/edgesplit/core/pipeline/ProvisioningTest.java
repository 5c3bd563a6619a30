package io.edgesplit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

    @Test
    void blocksThatDoNotScaleArePipelinedOnOneCoreEach() {
        // four equal blocks that gain nothing from a second thread: 4 partitions x 1 core
        double[][] s = new double[4][4];
        for (double[] b : s) {
            java.util.Arrays.fill(b, 1.0);
        }
        Provisioning.Plan p = Provisioning.plan(s, 4, 8);
        assertThat(p.threads()).containsExactly(1, 1, 1, 1);
        assertThat(p.periodS()).isEqualTo(1.0);
    }

    @Test
    void perfectlyParallelBlocksStayInOnePartitionWithEveryCore() {
        double[][] s = new double[3][4];
        for (double[] b : s) {
            for (int t = 1; t <= 4; t++) {
                b[t - 1] = 1.0 / t;
            }
        }
        Provisioning.Plan p = Provisioning.plan(s, 4, 8);
        assertThat(p.periodS()).isCloseTo(0.75, within(1e-12));
        assertThat(p.partitions()).isEqualTo(1);
        assertThat(p.threads()).containsExactly(4);
    }

    @Test
    void matchesBruteForceOnRandomTables() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            int m = 1 + r.nextInt(5);
            int cores = 1 + r.nextInt(4);
            double[][] s = new double[m][cores];
            for (double[] b : s) {
                double one = 0.1 + r.nextDouble();
                double f = r.nextDouble();
                for (int t = 1; t <= cores; t++) {
                    b[t - 1] = one * (1 - f + f / t) * (0.9 + 0.2 * r.nextDouble());
                }
            }
            Provisioning.Plan p = Provisioning.plan(s, cores, m);
            assertThat(p.periodS()).isCloseTo(brute(s, cores, 0, cores), within(1e-12));
            assertThat(java.util.Arrays.stream(p.threads()).sum()).isLessThanOrEqualTo(cores);
        }
    }

    /** Best period for blocks [from, m) with {@code cores} cores left, every split tried. */
    private static double brute(double[][] s, int cores, int from, int left) {
        int m = s.length;
        double best = Double.POSITIVE_INFINITY;
        for (int to = from + 1; to <= m; to++) {
            for (int t = 1; t <= left; t++) {
                double stage = 0;
                for (int b = from; b < to; b++) {
                    stage += s[b][t - 1];
                }
                double rest = to == m ? 0 : brute(s, cores, to, left - t);
                best = Math.min(best, Math.max(stage, rest));
            }
        }
        return best;
    }

    @Test
    void extrapolationFollowsAmdahlFittedToTheMeasurements() {
        double[][] e = Provisioning.extrapolate(new double[][] {{1.0, 0.6}}, 4);
        // f = (1 - 0.6) / (1 - 1/2) = 0.8: s(4) = 1 - 0.8 + 0.2 = 0.4
        assertThat(e[0])
                .containsExactly(new double[] {1.0, 0.6, 1 - 0.8 + 0.8 / 3, 0.4}, within(1e-12));
        assertThatThrownBy(() -> Provisioning.plan(new double[][] {{1.0}}, 0, 1))
                .hasMessage("--cores must be >= 1, got 0");
    }

    @Test
    void exactlyKPartitionsIsNeverBetterThanTheFreeChoice() {
        double[][] s = {{1.0, 0.5}, {1.0, 0.5}};
        Provisioning.Plan free = Provisioning.plan(s, 2, 2);
        Provisioning.Plan two = Provisioning.planExactly(s, 2, 2);
        assertThat(two.partitions()).isEqualTo(2);
        assertThat(two.threads()).containsExactly(1, 1);
        assertThat(two.periodS()).isEqualTo(1.0);
        assertThat(free.periodS()).isLessThanOrEqualTo(two.periodS());
        assertThatThrownBy(() -> Provisioning.planExactly(s, 1, 2))
                .hasMessage("2 partitions need at least as many blocks (2) and cores (1)");
    }
}
