package io.edgesplit.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCostsTest {

    private static final DeviceProfile TX2 = DeviceProfiles.builtin("jetson-tx2");
    private static final EdgeServerProfile EDGE = new EdgeServerProfile("edge", "", 1e12);
    private static final long FMAX = TX2.maxClockHz();
    private static final long F_HALF = 650_250_000L;

    @Test
    void takesEachTimeFromTheBestSourceAndSaysWhich() {
        ModelProfile m =
                TestProfiles.model(
                        List.of(
                                TestProfiles.cut(0, 1000, 0, 1_000_000_000L, 0, 8.0, Map.of()),
                                TestProfiles.cut(
                                        1,
                                        100,
                                        400_000_000L,
                                        600_000_000L,
                                        2.0, // host head: must not be used for the device
                                        Double.NaN,
                                        Map.of(CutProfile.deviceKey("jetson-tx2", FMAX), 5.0)),
                                TestProfiles.cut(
                                        2,
                                        50,
                                        700_000_000L,
                                        300_000_000L,
                                        3.0,
                                        Double.NaN,
                                        Map.of(
                                                CutProfile.deviceKey("jetson-tx2", F_HALF),
                                                18.5,
                                                CutProfile.deviceKey("jetson-nano", 921_600_000L),
                                                99.0)),
                                TestProfiles.cut(3, 10, 1_000_000_000L, 0, 4.0, 0.0, Map.of())));
        ModelCosts c = ModelCosts.of(m, TX2, EDGE);

        assertThat(c.headSource(0)).isEqualTo(CostSource.NO_WORK);
        assertThat(c.headSecondsAtMax(1)).isEqualTo(0.005);
        assertThat(c.headSource(1)).isEqualTo(CostSource.DEVICE_MEASURED);
        // 18.5 ms at half the max clock: slowdown 0.85 * 2 + 0.15 = 1.85 -> 10 ms at fmax
        assertThat(c.headSecondsAtMax(2)).isCloseTo(0.010, within(1e-6));
        assertThat(c.headSource(2)).isEqualTo(CostSource.DEVICE_MEASURED_SCALED);
        assertThat(c.headSecondsAtMax(3)).isCloseTo(1e9 / 1e11, within(1e-12));
        assertThat(c.headSource(3)).isEqualTo(CostSource.MAC_ESTIMATE);

        assertThat(c.tailSeconds(0)).isEqualTo(0.008);
        assertThat(c.tailSource(0)).isEqualTo(CostSource.HOST_MEASURED);
        assertThat(c.tailSeconds(1)).isCloseTo(6e8 / 1e12, within(1e-15));
        assertThat(c.tailSource(1)).isEqualTo(CostSource.MAC_ESTIMATE);
        assertThat(c.tailSource(3)).isEqualTo(CostSource.NO_WORK);

        assertThat(c.bits(1)).isEqualTo(100 * 4 * 8);
        assertThat(ModelCosts.of(m, TX2, EDGE, WirePrecision.FP16).bits(1)).isEqualTo(100 * 2 * 8);
        assertThat(c.describeSources())
                .contains("measured on the device for 1 cut")
                .contains("MAC-derived (100 GMAC/s) for 1 cut")
                .contains("measured on the profiling host for 1 cut");
    }

    @Test
    void exposesTheClockTableAndTheMostEfficientWorkEnergy() {
        ModelCosts c = ModelCosts.of(TestProfiles.randomModel(new Random(1), 4), TX2, EDGE);
        assertThat(c.clockCount()).isEqualTo(14);
        assertThat(c.clockHz(c.maxClockIndex())).isEqualTo(FMAX);
        assertThat(c.speed(c.maxClockIndex())).isEqualTo(1.0);
        double best = Double.POSITIVE_INFINITY;
        for (int f = 0; f < c.clockCount(); f++) {
            best = Math.min(best, (c.busyPowerW(f) - c.idleW()) / c.speed(f));
        }
        assertThat(c.joulesPerWorkSecond()).isEqualTo(best);
        assertThat(c.nearestClockIndex(1_000_000_000L)).isEqualTo(10);
    }

    @Test
    void paretoSetIsExactlyTheUndominatedCuts() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            ModelCosts c =
                    ModelCosts.of(TestProfiles.randomModel(rnd, 2 + rnd.nextInt(20)), TX2, EDGE);
            for (int p = 0; p < c.cutCount(); p++) {
                boolean dominated = false;
                for (int q = 0; q < c.cutCount(); q++) {
                    boolean noWorse =
                            c.headSecondsAtMax(q) <= c.headSecondsAtMax(p)
                                    && c.bits(q) <= c.bits(p)
                                    && c.tailSeconds(q) <= c.tailSeconds(p);
                    boolean same =
                            c.headSecondsAtMax(q) == c.headSecondsAtMax(p)
                                    && c.bits(q) == c.bits(p)
                                    && c.tailSeconds(q) == c.tailSeconds(p);
                    dominated |= q != p && noWorse && (!same || q < p);
                }
                assertThat(c.isParetoOptimal(p)).isEqualTo(!dominated);
            }
            int[] kept = c.paretoCuts();
            assertThat(kept).isSorted().isNotEmpty();
            assertThat(kept.length).isEqualTo(c.paretoCount());
        }
    }
}
