package io.edgesplit.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final double HALF_BIN = Math.sqrt(LatencyHistogram.RATIO) - 1;

    @Test
    void percentilesAreWithinHalfABinOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[10_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextDouble(Math.log(0.5), Math.log(5_000)));
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 50, 95, 99, 100}) {
            double exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat(h.percentile(p)).as("p%s", p).isCloseTo(exact, within(exact * HALF_BIN));
        }
        assertThat(h.total()).isEqualTo(values.length);
    }

    @Test
    void emptyIsNanAndTinyValuesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentile(50)).isNaN();
        h.add(0.0);
        h.add(0.001);
        h.add(Double.NaN);
        h.add(-1);
        assertThat(h.total()).isEqualTo(2);
        assertThat(h.percentile(95)).isZero();
    }

    @Test
    void mergesAndClears() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.add(10);
        b.add(1_000);
        b.add(1_000);
        a.addAll(b);
        assertThat(a.total()).isEqualTo(3);
        assertThat(a.percentile(50)).isCloseTo(1_000, within(1_000 * HALF_BIN));
        assertThat(a.percentile(10)).isCloseTo(10, within(10 * HALF_BIN));
        a.clear();
        assertThat(a.total()).isZero();
        assertThat(a.percentile(50)).isNaN();
        assertThat(LatencyHistogram.bin(1e9)).isEqualTo(LatencyHistogram.BINS - 1);
    }
}
