package io.edgesplit.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTracesTest {

    @Test
    void gilbertElliottHasTwoStatesAndTheStationaryShareOfTheChain() {
        BandwidthTrace t = SyntheticTraces.gilbertElliott(10e6, 1e6, 0.1, 0.3, 1, 100_000, 7);
        Set<Double> states = new HashSet<>();
        double good = 0;
        for (int s = 0; s < 100_000; s++) {
            double c = t.capacityAt(s + 0.5);
            states.add(c);
            good += c == 10e6 ? 1 : 0;
        }
        assertThat(states).containsExactlyInAnyOrder(10e6, 1e6);
        // stationary P(good) = pBG / (pGB + pBG) = 0.75
        assertThat(good / 100_000).isCloseTo(0.75, within(0.02));
    }

    @Test
    void generatorsAreDeterministicPerSeed() {
        BandwidthTrace a = SyntheticTraces.gilbertElliott(10e6, 1e6, 0.1, 0.3, 1, 1000, 3);
        BandwidthTrace b = SyntheticTraces.gilbertElliott(10e6, 1e6, 0.1, 0.3, 1, 1000, 3);
        BandwidthTrace c = SyntheticTraces.gilbertElliott(10e6, 1e6, 0.1, 0.3, 1, 1000, 4);
        double diff = 0;
        for (int s = 0; s < 1000; s++) {
            assertThat(a.capacityAt(s)).isEqualTo(b.capacityAt(s));
            diff += Math.abs(a.capacityAt(s) - c.capacityAt(s));
        }
        assertThat(diff).isPositive();
    }

    @Test
    void randomWalkStaysInItsBounds() {
        BandwidthTrace t = SyntheticTraces.randomWalk(5e6, 3e6, 1e6, 8e6, 0.5, 5000, 11);
        assertThat(t.minCapacity()).isGreaterThanOrEqualTo(1e6);
        assertThat(t.maxCapacity()).isLessThanOrEqualTo(8e6);
        assertThat(t.maxCapacity() - t.minCapacity()).isGreaterThan(5e6);
    }

    @Test
    void stepAndConstantTraces() {
        BandwidthTrace s = SyntheticTraces.step(new double[] {10e6, 2e6}, new double[] {30, 10});
        assertThat(s.capacityAt(29.9)).isEqualTo(10e6);
        assertThat(s.capacityAt(35)).isEqualTo(2e6);
        assertThat(s.capacityAt(45)).isEqualTo(10e6);
        assertThat(SyntheticTraces.constant(3e6).averageCapacity(12.3, 7)).isEqualTo(3e6);
    }

    @Test
    void specStringsBuildTheSameTraces() {
        BandwidthTrace ge =
                Traces.load(
                        "ge:good=10M,bad=1M,pgb=0.1,pbg=0.3,step=1,duration=1000,seed=3",
                        null,
                        null);
        BandwidthTrace direct = SyntheticTraces.gilbertElliott(10e6, 1e6, 0.1, 0.3, 1, 1000, 3);
        for (int s = 0; s < 1000; s += 7) {
            assertThat(ge.capacityAt(s)).isEqualTo(direct.capacityAt(s));
        }
        assertThat(Traces.load("const:250k", null, null).capacityAt(5)).isEqualTo(250e3);
        assertThat(Traces.load("step:10M@30,2M@10", null, null).capacityAt(31)).isEqualTo(2e6);
        assertThat(
                        Traces.load("walk:start=5M,sigma=1M,min=1M,max=9M,duration=60", null, null)
                                .durationSeconds())
                .isEqualTo(60);
        assertThatThrownBy(() -> Traces.load("ge:good=1M", null, null))
                .hasMessage("trace ge:good=1M: missing bad=...");
        assertThatThrownBy(() -> Traces.load("nope.log", null, null))
                .hasMessageContaining("neither an existing file nor a generator");
        assertThatThrownBy(() -> SyntheticTraces.gilbertElliott(1, 1, 1.5, 0, 1, 10, 1))
                .hasMessageContaining("pGoodToBad must be in [0, 1]");
    }
}
