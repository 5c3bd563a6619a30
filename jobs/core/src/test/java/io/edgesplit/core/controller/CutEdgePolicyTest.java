package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.cost.TestProfiles;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.RadioModel;
import io.edgesplit.core.model.ModelProfile;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CutEdgePolicyTest {

    private static final EdgeServerProfile EDGE = new EdgeServerProfile("edge", "", 1e12);
    private static final int CASES = 3000;

    /** One random situation: profile, device, config, state and slot input. */
    record Case(
            ModelCosts costs,
            DeviceProfile device,
            ControllerConfig cfg,
            QueueState state,
            SlotInput in) {}

    static Case randomCase(Random rnd) {
        List<String> names = DeviceProfiles.builtinNames();
        DeviceProfile device = DeviceProfiles.builtin(names.get(rnd.nextInt(names.size())));
        if (rnd.nextInt(3) == 0) {
            device =
                    device.withRadio(
                            rnd.nextBoolean()
                                    ? RadioModel.wifi()
                                    : new RadioModel.Shannon(10e6, 0.05, 0.3));
        }
        if (rnd.nextInt(4) == 0) {
            device =
                    new DeviceProfile(
                            device.name(),
                            "",
                            device.gpu(),
                            device.radio(),
                            List.of(1e6, 4e6, 15e6));
        }
        ModelProfile model = TestProfiles.randomModel(rnd, 2 + rnd.nextInt(20));
        ModelCosts costs = ModelCosts.of(model, device, EDGE);
        double dt = new double[] {0.01, 0.033, 0.1, 0.5}[rnd.nextInt(4)];
        ControllerConfig cfg =
                ControllerConfig.builder()
                        .latencyBoundS(Double.POSITIVE_INFINITY)
                        .v(rnd.nextInt(6) == 0 ? 0 : Math.pow(10, -2 + 5 * rnd.nextDouble()))
                        .theta(Math.pow(10, -2 + 3 * rnd.nextDouble()))
                        .slotSeconds(dt)
                        .epsilon(rnd.nextBoolean() ? 0 : rnd.nextDouble())
                        .rateLevels(1 + rnd.nextInt(12))
                        .uplinkReferenceBps(Math.pow(10, 5 + 3 * rnd.nextDouble()))
                        .maxAdmitted(rnd.nextInt(5) == 0 ? 1 : Integer.MAX_VALUE)
                        .cutEnergyWeight(rnd.nextBoolean() ? 0 : 2 * rnd.nextDouble())
                        .allowIdle(rnd.nextInt(4) != 0)
                        .fixedClockHz(rnd.nextBoolean() ? 0 : 500_000_000L)
                        .build();
        QueueState s =
                new QueueState(
                        zeroOr(rnd, Math.pow(10, -4 + 5 * rnd.nextDouble())),
                        zeroOr(rnd, Math.pow(10, 2 + 7 * rnd.nextDouble())),
                        zeroOr(rnd, Math.pow(10, -2 + 4 * rnd.nextDouble())),
                        zeroOr(rnd, Math.pow(10, -3 + 3 * rnd.nextDouble())),
                        zeroOr(rnd, Math.pow(10, 3 + 5 * rnd.nextDouble())));
        double cap = rnd.nextInt(8) == 0 ? 0 : Math.pow(10, 5 + 3 * rnd.nextDouble());
        SlotInput in = new SlotInput(rnd.nextInt(1_000_000), rnd.nextInt(5), cap, dt);
        return new Case(costs, device, cfg, s, in);
    }

    private static double zeroOr(Random rnd, double v) {
        return rnd.nextInt(4) == 0 ? 0 : v;
    }

    @Test
    void separableSolutionEqualsBruteForceOverTheFullProduct() {
        Random rnd = new Random(20240611);
        int unique = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(rnd);
            boolean fixed = rnd.nextInt(3) == 0;
            Policy policy =
                    Policies.create(
                            fixed ? Policies.CUTEDGE_FIXED_CLOCK : Policies.CUTEDGE, c.cfg());
            ControlDecision d = policy.decide(c.state(), c.in(), c.device(), c.costs());
            BruteForce.Result bf =
                    BruteForce.decide(c.cfg(), fixed, c.state(), c.in(), c.device(), c.costs());
            ControlDecision b = bf.decision();
            double tol = BruteForce.TIE * Math.max(1, Math.abs(b.objective()));
            assertThat(d.objective()).as("case %d", i).isCloseTo(b.objective(), within(tol));
            // the reported objective is J of the decision itself
            int clock =
                    d.gpuClockHz() == 0 ? SlotModel.IDLE : c.costs().indexOfClock(d.gpuClockHz());
            assertThat(
                            SlotModel.objective(
                                    c.costs(),
                                    c.device().radio(),
                                    c.state(),
                                    c.in(),
                                    c.cfg(),
                                    d.admitted(),
                                    d.cut(),
                                    clock,
                                    d.uplinkBps()))
                    .isCloseTo(d.objective(), within(tol));
            if (bf.ties() == 1) {
                unique++;
                assertThat(d.admitted()).as("case %d", i).isEqualTo(b.admitted());
                assertThat(d.gpuClockHz()).as("case %d", i).isEqualTo(b.gpuClockHz());
                assertThat(d.uplinkBps()).as("case %d", i).isEqualTo(b.uplinkBps());
                if (d.admitted() > 0) {
                    assertThat(d.cut()).as("case %d", i).isEqualTo(b.cut());
                }
                assertThat(d.after()).isEqualTo(b.after());
            }
        }
        // most random states have a unique optimum, so the decision check is not vacuous
        assertThat(unique).isGreaterThan(CASES / 3);
    }

    @Test
    void pruningDominatedCutsNeverChangesTheDecision() {
        Random rnd = new Random(7);
        int admittedSomething = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(rnd);
            ControlDecision pruned =
                    Policies.create(
                                    Policies.CUTEDGE,
                                    c.cfg().toBuilder().pruneDominatedCuts(true).build())
                            .decide(c.state(), c.in(), c.device(), c.costs());
            ControlDecision full =
                    Policies.create(
                                    Policies.CUTEDGE,
                                    c.cfg().toBuilder().pruneDominatedCuts(false).build())
                            .decide(c.state(), c.in(), c.device(), c.costs());
            assertThat(pruned).as("case %d", i).isEqualTo(full);
            admittedSomething += pruned.admitted() > 0 ? 1 : 0;
        }
        assertThat(admittedSomething).isGreaterThan(CASES / 10);
    }

    @Test
    void sameInputsGiveTheSameDecision() {
        Random rnd = new Random(99);
        for (int i = 0; i < 200; i++) {
            Case c = randomCase(rnd);
            ControlDecision a =
                    Policies.create(Policies.CUTEDGE, c.cfg())
                            .decide(c.state(), c.in(), c.device(), c.costs());
            ControlDecision b =
                    Policies.create(Policies.CUTEDGE, c.cfg())
                            .decide(c.state(), c.in(), c.device(), c.costs());
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void queuesFollowTheSection5Updates() {
        DeviceProfile tx2 = DeviceProfiles.builtin("jetson-tx2");
        ModelProfile model = TestProfiles.randomModel(new Random(3), 6);
        ModelCosts costs = ModelCosts.of(model, tx2, EDGE);
        ControllerConfig cfg =
                ControllerConfig.builder()
                        .latencyBoundS(Double.POSITIVE_INFINITY)
                        .v(5)
                        .theta(100)
                        .powerBudgetW(3)
                        .epsilon(0.5)
                        .build();
        QueueState s = new QueueState(0.05, 2e6, 1.0, 0.01, 1e5);
        SlotInput in = new SlotInput(17, 3, 8e6, 0.1);
        ControlDecision d = Policies.create(Policies.CUTEDGE, cfg).decide(s, in, tx2, costs);

        int f = d.gpuClockHz() == 0 ? -1 : costs.indexOfClock(d.gpuClockHz());
        double mu = f < 0 ? 0 : costs.speed(f);
        double busy = f < 0 ? 0 : Math.min(0.1, 0.05 / mu);
        double ec =
                f < 0
                        ? costs.idleW() * 0.1
                        : costs.busyPowerW(f) * busy + costs.idleW() * (0.1 - busy);
        double r = d.uplinkBps();
        double en = r == 0 ? 0 : tx2.radio().txPowerW(r) * Math.min(0.1, 2e6 / r);
        int p = d.cut();
        assertThat(d.admitted()).isEqualTo(3);
        assertThat(d.computeEnergyJ()).isCloseTo(ec, within(1e-12));
        assertThat(d.radioEnergyJ()).isCloseTo(en, within(1e-12));
        QueueState a = d.after();
        assertThat(a.computeBacklogS())
                .isCloseTo(
                        Math.max(0.05 - mu * 0.1, 0) + 3 * costs.headSecondsAtMax(p),
                        within(1e-12));
        assertThat(a.uplinkBacklogBits())
                .isCloseTo(Math.max(2e6 - r * 0.1, 0) + 3 * costs.bits(p), within(1e-6));
        assertThat(a.powerQueue()).isCloseTo(Math.max(1.0 + (ec + en) / 0.1 - 3, 0), within(1e-9));
        assertThat(a.computeDelayQueue())
                .isCloseTo(Math.max(0.01 + 0.5 * 0.1 - mu * 0.1, 0), within(1e-12));
        assertThat(a.uplinkDelayQueue())
                .isCloseTo(Math.max(1e5 + 0.5 * 1e7 * 0.1 - r * 0.1, 0), within(1e-6));
        assertThat(d.transferSeconds())
                .isEqualTo(r == 0 ? Double.POSITIVE_INFINITY : costs.bits(p) / r);
        assertThat(d.tailSeconds()).isEqualTo(costs.tailSeconds(p));
    }

    @Test
    void idlesTheGpuWhenWaitingIsCheaperAndNeverWhenIdlingIsOff() {
        DeviceProfile tx2 = DeviceProfiles.builtin("jetson-tx2");
        ModelCosts costs = ModelCosts.of(TestProfiles.randomModel(new Random(5), 5), tx2, EDGE);
        QueueState small = new QueueState(0.2, 0, 0, 0, 0);
        SlotInput in = new SlotInput(0, 0, 10e6, 0.1);
        ControllerConfig cfg =
                ControllerConfig.builder().latencyBoundS(Double.POSITIVE_INFINITY).v(100).build();
        ControlDecision idle = Policies.create(Policies.CUTEDGE, cfg).decide(small, in, tx2, costs);
        assertThat(idle.gpuClockHz()).isZero();
        assertThat(idle.computeEnergyJ()).isCloseTo(costs.idleW() * 0.1, within(1e-12));
        assertThat(idle.after().computeBacklogS()).isEqualTo(0.2);
        assertThat(idle.headSeconds()).isFinite();
        ControlDecision busy =
                Policies.create(Policies.CUTEDGE, cfg.toBuilder().allowIdle(false).build())
                        .decide(small, in, tx2, costs);
        assertThat(tx2.gpu().clocksHz()).contains(busy.gpuClockHz());
        // a big backlog makes the controller run, and faster with a smaller V: with Qc = 3 s and
        // V = 30 the clock term -30*mu(f) + 3*P(f) is smallest at 854.25 MHz
        QueueState big = new QueueState(3, 0, 0, 0, 0);
        long middle =
                Policies.create(Policies.CUTEDGE, cfg.withV(30))
                        .decide(big, in, tx2, costs)
                        .gpuClockHz();
        long fast =
                Policies.create(Policies.CUTEDGE, cfg.withV(0.01))
                        .decide(big, in, tx2, costs)
                        .gpuClockHz();
        assertThat(middle).isEqualTo(854_250_000L);
        assertThat(fast).isEqualTo(tx2.maxClockHz());
    }

    @Test
    void fixedClockVariantRunsOnlyAtItsClock() {
        DeviceProfile nano = DeviceProfiles.builtin("jetson-nano");
        ModelCosts costs = ModelCosts.of(TestProfiles.randomModel(new Random(8), 5), nano, EDGE);
        ControllerConfig cfg =
                ControllerConfig.builder()
                        .latencyBoundS(Double.POSITIVE_INFINITY)
                        .v(1)
                        .fixedClockHz(600_000_000L)
                        .build();
        Policy p = Policies.create(Policies.CUTEDGE_FIXED_CLOCK, cfg);
        Random rnd = new Random(1);
        for (int i = 0; i < 100; i++) {
            QueueState s = new QueueState(rnd.nextDouble(), rnd.nextDouble() * 1e7, 0, 0, 0);
            long hz = p.decide(s, new SlotInput(i, 2, 5e6, 0.1), nano, costs).gpuClockHz();
            assertThat(hz).isIn(0L, 614_400_000L);
        }
    }

    @Test
    void admissionComparesQueuePressureWithVTheta() {
        DeviceProfile tx2 = DeviceProfiles.builtin("jetson-tx2");
        ModelCosts costs = ModelCosts.of(TestProfiles.randomModel(new Random(9), 5), tx2, EDGE);
        QueueState loaded = new QueueState(1, 1e7, 0, 0, 0);
        SlotInput in = new SlotInput(0, 4, 10e6, 0.1);
        ControllerConfig cfg =
                ControllerConfig.builder().latencyBoundS(Double.POSITIVE_INFINITY).v(0).build();
        assertThat(Policies.create(Policies.CUTEDGE, cfg).decide(loaded, in, tx2, costs).admitted())
                .isZero();
        assertThat(
                        Policies.create(Policies.CUTEDGE, cfg.toBuilder().v(1).theta(1e6).build())
                                .decide(loaded, in, tx2, costs)
                                .admitted())
                .isEqualTo(4);
        assertThat(
                        Policies.create(
                                        Policies.CUTEDGE,
                                        cfg.toBuilder().v(1).theta(1e6).maxAdmitted(2).build())
                                .decide(loaded, in, tx2, costs)
                                .admitted())
                .isEqualTo(2);
    }
}
