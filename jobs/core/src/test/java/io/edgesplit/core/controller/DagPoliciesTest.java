package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.cost.TestProfiles;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DAG-aware baselines: {@code dads} and {@code cic} against each other and Neurosurgeon. */
class DagPoliciesTest {

    private static final EdgeServerProfile EDGE = new EdgeServerProfile("edge", "", 1e12);
    private static final DeviceProfile TX2 = DeviceProfiles.builtin("jetson-tx2");
    private static final ControllerConfig CFG = ControllerConfig.DEFAULTS;

    @Test
    void cicsTableLookupFindsTheFastestCutAtEveryRate() {
        Random rnd = new Random(17);
        for (int i = 0; i < 300; i++) {
            ModelCosts c =
                    ModelCosts.of(TestProfiles.randomModel(rnd, 2 + rnd.nextInt(40)), TX2, EDGE);
            for (int k = 0; k < 20; k++) {
                double r = Math.pow(10, 4 + 6 * rnd.nextDouble());
                int looked = c.latencyEnvelope().cutAt(r);
                int searched = DadsPolicy.fastest(c, r);
                assertThat(latency(c, looked, r))
                        .as("profile %d at %.0f bit/s: cut %d against %d", i, r, looked, searched)
                        .isCloseTo(latency(c, searched, r), withinRelative());
            }
        }
    }

    @Test
    void cicAndDadsDecideTheSameUnderLightLoad() {
        Random rnd = new Random(5);
        for (int i = 0; i < 100; i++) {
            ModelCosts c =
                    ModelCosts.of(TestProfiles.randomModel(rnd, 2 + rnd.nextInt(20)), TX2, EDGE);
            SlotInput in = new SlotInput(i, 1, Math.pow(10, 5 + 3 * rnd.nextDouble()), 1000);
            ControlDecision cic =
                    Policies.create(Policies.CIC, CFG).decide(QueueState.ZERO, in, TX2, c);
            ControlDecision dads =
                    Policies.create(Policies.DADS, CFG).decide(QueueState.ZERO, in, TX2, c);
            assertThat(latency(c, cic.cut(), cic.uplinkBps()))
                    .isCloseTo(latency(c, dads.cut(), dads.uplinkBps()), withinRelative());
            assertThat(cic.policy()).isEqualTo("cic");
            assertThat(dads.policy()).isEqualTo("dads");
        }
    }

    @Test
    void onlyTheDagPoliciesUseAGeneralCut() {
        // input 600 KB, a prefix cut of 1.2 MB, a general cut of 4 KB after little work, output
        ModelCosts c = ModelCosts.of(dagProfile(), TX2, EDGE);
        SlotInput in = new SlotInput(1, 1, 50e6, 1.0);
        int ns =
                Policies.create(Policies.NEUROSURGEON_LATENCY, CFG)
                        .decide(QueueState.ZERO, in, TX2, c)
                        .cut();
        assertThat(c.general(ns)).isFalse();
        for (String name : List.of(Policies.DADS, Policies.CIC)) {
            int cut = Policies.create(name, CFG).decide(QueueState.ZERO, in, TX2, c).cut();
            assertThat(cut).as(name).isEqualTo(2);
        }
        assertThat(c.general(2)).isTrue();
    }

    @Test
    void dadsTradesLatencyForThroughputWhenFramesArriveFasterThanTheSlowestStage() {
        // cut 1: the least latency, but 40 ms on the device; cut 2: 25 ms on the device, 24 ms of
        // transfer at 100 Mbit/s, slower per frame but keeps up with a frame every 30 ms
        List<CutProfile> cuts = new ArrayList<>();
        cuts.add(measured(0, 150_528, 0, 1e9, 0, 1.0, false));
        cuts.add(measured(1, 1_000, 4e8, 6e8, 40, 1.0, false));
        cuts.add(measured(2, 75_000, 2.5e8, 7.5e8, 25, 1.0, false));
        cuts.add(measured(3, 1_000, 1e9, 0, 200, 0, false));
        ModelCosts c = ModelCosts.of(TestProfiles.model(cuts), TX2, EDGE);
        Policy dads = Policies.create(Policies.DADS, CFG);
        SlotInput light = new SlotInput(1, 1, 100e6, 1.0);
        SlotInput heavy = new SlotInput(1, 33, 100e6, 1.0);
        assertThat(dads.decide(QueueState.ZERO, light, TX2, c).cut()).isEqualTo(1);
        assertThat(dads.decide(QueueState.ZERO, heavy, TX2, c).cut()).isEqualTo(2);
        assertThat(Policies.create(Policies.CIC, CFG).decide(QueueState.ZERO, heavy, TX2, c).cut())
                .isEqualTo(1);
    }

    private static ModelProfile dagProfile() {
        List<CutProfile> cuts = new ArrayList<>();
        cuts.add(measured(0, 150_528, 0, 1e9, 0, 5.0, false));
        cuts.add(measured(1, 300_000, 1e7, 9.9e8, 1.0, 5.0, false));
        cuts.add(measured(2, 1_000, 1e7, 9.9e8, 1.0, 5.0, true));
        cuts.add(measured(3, 10, 1e9, 0, 100, 0, false));
        return TestProfiles.model(cuts);
    }

    /** A cut whose head time on the TX2 at fmax and tail time are given in ms. */
    private static CutProfile measured(
            int i,
            long elements,
            double headMacs,
            double tailMacs,
            double deviceHeadMs,
            double tailMs,
            boolean general) {
        TensorSpec t = new TensorSpec("t" + i, ElementType.FLOAT, new long[] {1, elements});
        return new CutProfile(
                i,
                "c" + i,
                List.of(t),
                t.bytes(),
                t.bytesFp16(),
                (long) headMacs,
                (long) tailMacs,
                Double.NaN,
                tailMs,
                Map.of(CutProfile.deviceKey(TX2.name(), TX2.maxClockHz()), deviceHeadMs),
                general);
    }

    private static double latency(ModelCosts c, int p, double r) {
        return c.headSecondsAtMax(p) + c.bits(p) / r + c.tailSeconds(p);
    }

    private static org.assertj.core.data.Percentage withinRelative() {
        return org.assertj.core.data.Percentage.withPercentage(1e-9);
    }
}
