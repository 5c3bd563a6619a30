package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.trace.SyntheticTraces;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drift-plus-penalty claims of brief §5, checked on the simulator (seeded, deterministic): the
 * energy gap to the best fixed policy shrinks roughly as 1/V while the backlog grows roughly as V;
 * a feasible power budget keeps all queues mean-rate stable; an infeasible one makes the power
 * virtual queue grow and the result says so.
 *
 * <p>Setting: one Jetson TX2, ResNet-18 (MAC-derived), Poisson arrivals at 10 frames/s, a constant
 * 20 Mbit/s LTE uplink, 10 ms slots (the per-frame regime of the streaming job; the thresholds of
 * the Lyapunov controller scale with Δ², so with 10 ms slots V = 1..1000 spans the interesting
 * range without hour-long backlogs), θ = 10⁴ J so that every frame is admitted, the energy price η
 * = 1 on the cut choice (the default; docs/controller.md shows why η = 0 converges only from V ≈
 * 100 on) and ρ = 10 Mbit/s, of the order of the link rate. With a constant channel and every frame
 * admitted, the best stationary policy is a fixed (cut, clock) pair run until idle, whose power is
 * computed exactly here.
 */
public class LyapunovTheoryTest {

    private static final DeviceProfile TX2 = DeviceProfiles.builtin("jetson-tx2");
    private static final ModelProfile RESNET18 = MacDerivedProfiles.resnet18();
    private static final double CAPACITY_BPS = 20e6;
    private static final double FPS = 10;
    private static final double SLOT_S = 0.01;
    private static final int SLOTS = 200_000;
    private static final List<Double> VS = List.of(1.0, 10.0, 100.0, 1000.0);

    /** ρ of the order of the link rate, as docs/controller.md recommends. */
    private static final double UPLINK_REFERENCE_BPS = 1e7;

    /** The §5 controller without a latency bound (its O(V) backlog is the point here). */
    private static ControllerConfig.Builder config() {
        return ControllerConfig.builder()
                .latencyBoundS(Double.POSITIVE_INFINITY)
                .theta(1e4)
                .cutEnergyWeight(1)
                .uplinkReferenceBps(UPLINK_REFERENCE_BPS)
                .slotSeconds(SLOT_S);
    }

    private static SimulationSpec.Builder spec(int slots) {
        return SimulationSpec.builder()
                .name("theory")
                .model(RESNET18)
                .addDevices(
                        new DeviceGroup(
                                1,
                                TX2,
                                List.of(SyntheticTraces.constant(CAPACITY_BPS)),
                                FPS,
                                ArrivalProcess.POISSON))
                .slots(slots)
                .slotSeconds(SLOT_S)
                .warmupSlots(slots / 4)
                .policies(List.of(Policies.CUTEDGE))
                .recordSlots(false)
                .seed(5);
    }

    /** cutedge at V = 1 for {@code slots} slots. */
    private static SimulationResult runAtV1(int slots, ControllerConfig controller) {
        return Simulator.run(
                spec(slots).vValues(List.of(1.0)).controller(controller).build(),
                SimulationListener.NONE);
    }

    /** Mean device power of the best fixed (cut, clock) policy that is stable. */
    public static double bestFixedPowerW() {
        ModelCosts c = ModelCosts.of(RESNET18, TX2, EdgeServerProfiles.defaultProfile());
        double joulesPerBit = TX2.radio().txPowerW(CAPACITY_BPS) / CAPACITY_BPS;
        double best = Double.POSITIVE_INFINITY;
        for (int p = 0; p < c.cutCount(); p++) {
            for (int f = 0; f < c.clockCount(); f++) {
                double work = FPS * c.headSecondsAtMax(p);
                if (work >= c.speed(f) || FPS * c.bits(p) >= CAPACITY_BPS) {
                    continue;
                }
                double power =
                        c.idleW()
                                + (c.busyPowerW(f) - c.idleW()) * work / c.speed(f)
                                + joulesPerBit * FPS * c.bits(p);
                best = Math.min(best, power);
            }
        }
        return best;
    }

    @Test
    void energyGapShrinksAsOneOverVAndBacklogGrowsAsV() {
        SimulationResult r =
                Simulator.run(
                        spec(SLOTS).vValues(VS).controller(config().build()).build(),
                        SimulationListener.NONE);
        double best = bestFixedPowerW();
        double[] logV = new double[VS.size()];
        double[] logGap = new double[VS.size()];
        double[] logBacklog = new double[VS.size()];
        for (int i = 0; i < VS.size(); i++) {
            RunSummary s = r.summaries().get(i);
            assertThat(s.v()).isEqualTo(VS.get(i));
            assertThat(s.dropped()).as("V=%s drops", s.v()).isZero();
            double gap = s.meanPowerW() - best;
            assertThat(gap).as("V=%s gap", s.v()).isPositive();
            logV[i] = Math.log10(s.v());
            logGap[i] = Math.log10(gap);
            logBacklog[i] = Math.log10(s.meanBacklogSeconds());
        }
        double gapSlope = slope(logV, logGap);
        double backlogSlope = slope(logV, logBacklog);
        assertThat(gapSlope).as("log-log slope of the energy gap").isBetween(-1.5, -0.4);
        assertThat(backlogSlope).as("log-log slope of the backlog").isBetween(0.4, 1.5);
        // at V = 1000 the controller is within 1% of the best fixed policy
        assertThat(r.summaries().get(3).meanPowerW()).isLessThan(best * 1.01);
    }

    @Test
    void feasiblePowerBudgetKeepsEveryQueueMeanRateStable() {
        double budget =
                3.0; // above the best fixed policy (about 2.65 W), below V = 1 unconstrained
        int slots = 60_000;
        SimulationResult free = runAtV1(slots, config().build());
        assertThat(free.summaries().get(0).meanPowerW()).isGreaterThan(budget);
        SimulationResult r = runAtV1(slots, config().powerBudgetW(budget).build());
        RunSummary s = r.summaries().get(0);
        assertThat(r.powerBudgetExceeded()).isFalse();
        assertThat(s.meanPowerW()).isLessThanOrEqualTo(budget * 1.01);
        // mean-rate stability: final queues / time -> 0
        assertThat(s.finalPowerQueueW() / slots).isLessThan(1e-3);
        assertThat(Math.abs(s.powerQueueGrowthWPerSlot())).isLessThan(1e-3);
        assertThat((double) s.inFlight() / (slots * SLOT_S * FPS)).isLessThan(0.01);
        assertThat(s.throughputFps()).isBetween(FPS * 0.97, FPS * 1.03);
    }

    @Test
    void infeasibleBudgetMakesThePowerQueueGrowAndTheResultSaysSo() {
        double budget = 1.0; // below the TX2's idle power of 1.9 W: no policy can meet it
        int slots = 20_000;
        SimulationResult r = runAtV1(slots, config().powerBudgetW(budget).build());
        RunSummary s = r.summaries().get(0);
        assertThat(r.powerBudgetExceeded()).isTrue();
        assertThat(s.overBudget()).isTrue();
        double excess = s.meanPowerW() - budget;
        assertThat(excess).isGreaterThan(0.9);
        // Y grows by about (power - budget) every slot
        assertThat(s.powerQueueGrowthWPerSlot()).isBetween(excess * 0.8, excess * 1.2);
        assertThat(s.finalPowerQueueW()).isGreaterThan(excess * slots * 0.8);
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("POWER BUDGET EXCEEDED: cutedge V=1"));
        assertThat(SimulationReport.summary(r)).contains("POWER BUDGET EXCEEDED").contains("OVER");
    }

    /** Least-squares slope. */
    public static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return num / den;
    }
}
