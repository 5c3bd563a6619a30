package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.cost.TestProfiles;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    private static final EdgeServerProfile EDGE = new EdgeServerProfile("edge", "", 1e12);
    private static final DeviceProfile TX2 = DeviceProfiles.builtin("jetson-tx2");
    private static final ModelCosts COSTS =
            ModelCosts.of(TestProfiles.randomModel(new Random(11), 12), TX2, EDGE);
    private static final ControllerConfig CFG = ControllerConfig.DEFAULTS;
    private static final SlotInput IN = new SlotInput(5, 2, 12e6, 0.1);

    @Test
    void createsEveryPolicyByNameAndRejectsOthersInOneLine() {
        assertThat(Policies.names())
                .containsExactly(
                        "cutedge",
                        "cutedge-fixed-clock",
                        "cutedge-cut-only",
                        "cutedge-cut-clock",
                        "cutedge-cut-rate",
                        "device-only",
                        "edge-only",
                        "neurosurgeon-latency",
                        "neurosurgeon-energy",
                        "dads",
                        "cic",
                        "random",
                        "offline-optimal");
        assertThat(Policies.onlineNames())
                .hasSize(Policies.names().size() - 1)
                .doesNotContain("offline-optimal");
        assertThatThrownBy(() -> Policies.create("offline-optimal", CFG))
                .hasMessageStartingWith(
                        "policy 'offline-optimal' sees the whole trace in advance, so only"
                                + " `edgesplit simulate` can run it");
        for (String n : Policies.onlineNames()) {
            Policy p = Policies.create(n, CFG);
            assertThat(p.name()).isEqualTo(n);
            assertThat(p.config()).isSameAs(CFG);
            assertThat(p.decide(QueueState.ZERO, IN, TX2, COSTS).policy()).isEqualTo(n);
        }
        assertThatThrownBy(() -> Policies.create("hops", CFG))
                .hasMessage(
                        "unknown policy 'hops': valid policies are cutedge, cutedge-fixed-clock,"
                                + " cutedge-cut-only, cutedge-cut-clock, cutedge-cut-rate,"
                                + " device-only, edge-only, neurosurgeon-latency,"
                                + " neurosurgeon-energy, dads, cic, random, offline-optimal");
        assertThat(Policies.parseList("all")).isEqualTo(Policies.names());
        assertThat(Policies.parseList(" cutedge , random")).containsExactly("cutedge", "random");
        assertThatThrownBy(() -> Policies.parseList("cutedge,fast")).hasMessageContaining("'fast'");
    }

    @Test
    void deviceOnlyRunsEverythingAtTheMaximumClockAndSendsAtFullRate() {
        ControlDecision d =
                Policies.create(Policies.DEVICE_ONLY, CFG).decide(QueueState.ZERO, IN, TX2, COSTS);
        assertThat(d.cut()).isEqualTo(COSTS.lastCut());
        assertThat(d.gpuClockHz()).isEqualTo(TX2.maxClockHz());
        assertThat(d.uplinkBps()).isEqualTo(12e6);
        assertThat(d.admitted()).isEqualTo(2);
        assertThat(d.headSeconds()).isEqualTo(COSTS.headSecondsAtMax(COSTS.lastCut()));
    }

    @Test
    void edgeOnlySendsRawFramesAndIdlesTheGpuAtItsLowestClock() {
        ControlDecision d =
                Policies.create(Policies.EDGE_ONLY, CFG).decide(QueueState.ZERO, IN, TX2, COSTS);
        assertThat(d.cut()).isZero();
        assertThat(d.gpuClockHz()).isEqualTo(TX2.gpu().clocksHz().get(0));
        assertThat(d.transferSeconds()).isEqualTo(COSTS.bits(0) / 12e6);
    }

    @Test
    void baselinesDropArrivalsWhenThePredictedWaitIsTooLong() {
        QueueState backlog = new QueueState(0, 24e6, 0, 0, 0); // 2 s at 12 Mbit/s
        ControlDecision d =
                Policies.create(Policies.EDGE_ONLY, CFG).decide(backlog, IN, TX2, COSTS);
        assertThat(d.queueWaitSeconds()).isEqualTo(2.0);
        assertThat(d.admitted()).isZero();
        ControlDecision patient =
                Policies.create(
                                Policies.EDGE_ONLY,
                                CFG.toBuilder()
                                        .admissionMaxWaitSeconds(Double.POSITIVE_INFINITY)
                                        .build())
                        .decide(backlog, IN, TX2, COSTS);
        assertThat(patient.admitted()).isEqualTo(2);
        SlotInput outage = new SlotInput(5, 2, 0, 0.1);
        assertThat(
                        Policies.create(Policies.EDGE_ONLY, CFG)
                                .decide(backlog, outage, TX2, COSTS)
                                .admitted())
                .isZero();
    }

    @Test
    void neurosurgeonPicksThePerFrameLatencyOrEnergyMinimum() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) {
            ModelCosts c =
                    ModelCosts.of(TestProfiles.randomModel(rnd, 2 + rnd.nextInt(15)), TX2, EDGE);
            double r = Math.pow(10, 5 + 3 * rnd.nextDouble());
            SlotInput in = new SlotInput(i, 1, r, 0.1);
            int fmax = c.maxClockIndex();
            double bestLatency = Double.POSITIVE_INFINITY;
            double bestEnergy = Double.POSITIVE_INFINITY;
            for (int p = 0; p < c.cutCount(); p++) {
                bestLatency =
                        Math.min(
                                bestLatency,
                                c.headSecondsAtMax(p) + c.bits(p) / r + c.tailSeconds(p));
                bestEnergy =
                        Math.min(
                                bestEnergy,
                                (c.busyPowerW(fmax) - c.idleW()) * c.headSecondsAtMax(p)
                                        + TX2.radio().txPowerW(r) * c.bits(p) / r);
            }
            int pl =
                    Policies.create(Policies.NEUROSURGEON_LATENCY, CFG)
                            .decide(QueueState.ZERO, in, TX2, c)
                            .cut();
            int pe =
                    Policies.create(Policies.NEUROSURGEON_ENERGY, CFG)
                            .decide(QueueState.ZERO, in, TX2, c)
                            .cut();
            assertThat(c.headSecondsAtMax(pl) + c.bits(pl) / r + c.tailSeconds(pl))
                    .isEqualTo(bestLatency);
            assertThat(
                            (c.busyPowerW(fmax) - c.idleW()) * c.headSecondsAtMax(pe)
                                    + TX2.radio().txPowerW(r) * c.bits(pe) / r)
                    .isEqualTo(bestEnergy);
        }
    }

    @Test
    void randomIsAFunctionOfSeedAndSlotOnly() {
        Policy a = Policies.create(Policies.RANDOM, CFG.toBuilder().seed(7).build());
        Policy b = Policies.create(Policies.RANDOM, CFG.toBuilder().seed(7).build());
        Policy other = Policies.create(Policies.RANDOM, CFG.toBuilder().seed(8).build());
        Set<Integer> cuts = new HashSet<>();
        Set<Long> clocks = new HashSet<>();
        int differs = 0;
        for (int t = 0; t < 500; t++) {
            SlotInput in = new SlotInput(t, 1, 10e6, 0.1);
            ControlDecision x = a.decide(QueueState.ZERO, in, TX2, COSTS);
            assertThat(b.decide(QueueState.ZERO, in, TX2, COSTS)).isEqualTo(x);
            differs += other.decide(QueueState.ZERO, in, TX2, COSTS).equals(x) ? 0 : 1;
            cuts.add(x.cut());
            clocks.add(x.gpuClockHz());
            assertThat(x.uplinkBps()).isPositive().isLessThanOrEqualTo(10e6);
        }
        assertThat(cuts).hasSize(COSTS.cutCount());
        assertThat(clocks).hasSize(COSTS.clockCount());
        assertThat(differs).isGreaterThan(400);
    }

    @Test
    void discreteRadioRatesAreUsedBelowTheCapacity() {
        DeviceProfile discrete =
                new DeviceProfile(
                        "tx2-discrete", "", TX2.gpu(), TX2.radio(), List.of(1e6, 5e6, 20e6));
        ModelCosts c = ModelCosts.of(TestProfiles.randomModel(new Random(2), 5), discrete, EDGE);
        ControlDecision d =
                Policies.create(Policies.DEVICE_ONLY, CFG)
                        .decide(QueueState.ZERO, new SlotInput(0, 1, 12e6, 0.1), discrete, c);
        assertThat(d.uplinkBps()).isEqualTo(5e6);
    }

    @Test
    void refusesCostsBuiltForAnotherDevice() {
        DeviceProfile nano = DeviceProfiles.builtin("jetson-nano");
        assertThatThrownBy(
                        () ->
                                Policies.create(Policies.CUTEDGE, CFG)
                                        .decide(QueueState.ZERO, IN, nano, COSTS))
                .hasMessageContaining("built for device 'jetson-tx2'")
                .hasMessageContaining("'jetson-nano'");
    }
}
