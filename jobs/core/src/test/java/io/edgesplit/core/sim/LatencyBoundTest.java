package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.core.util.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The latency bound (issue 13): the guarantee in the controller's model (no admitted frame late
 * while the capacity does not fall), the default's effect on the new user's case, and the option.
 */
class LatencyBoundTest {

    private static final List<String> BOUNDED =
            List.of(
                    Policies.CUTEDGE,
                    Policies.CUTEDGE_FIXED_CLOCK,
                    Policies.CUTEDGE_CUT_ONLY,
                    Policies.CUTEDGE_CUT_CLOCK,
                    Policies.CUTEDGE_CUT_RATE);

    private static SimulationSpec spec(
            ModelProfile model,
            String device,
            BandwidthTrace trace,
            double fps,
            double slot,
            double bound) {
        return SimulationSpec.builder()
                .name("bound")
                .model(model)
                .addDevices(
                        new DeviceGroup(
                                2,
                                DeviceProfiles.builtin(device),
                                List.of(trace),
                                fps,
                                ArrivalProcess.POISSON))
                .slots((int) Math.round(120 / slot))
                .slotSeconds(slot)
                .policies(BOUNDED)
                .vValues(List.of(0.1, 10.0, 1000.0))
                .controller(
                        ControllerConfig.builder().slotSeconds(slot).latencyBoundS(bound).build())
                .recordSlots(false)
                .build();
    }

    /**
     * Slots at least as long as a frame's head work. With shorter slots (10 or 20 ms against
     * ResNet-18's 18 ms on a TX2 or its longer head on a Nano) frames can be late: the controller's
     * uplink queue is drained in parallel with the compute queue (brief §5), while the simulator
     * sends a frame's bits after its head, so the model under-counts bits still waiting;
     * docs/controller.md reports the measured share.
     */
    @Test
    void noAdmittedFrameIsLateWhileTheCapacityHolds() {
        BandwidthTrace lte = SyntheticTraces.constant(6e6);
        List<SimulationSpec> specs =
                List.of(
                        spec(MacDerivedProfiles.resnet18(), "jetson-tx2", lte, 10, 0.1, 0.2),
                        spec(MacDerivedProfiles.resnet18(), "jetson-tx2", lte, 10, 0.1, 0.5),
                        spec(MacDerivedProfiles.resnet18(), "jetson-tx2", lte, 20, 0.05, 0.15));
        for (SimulationSpec s : specs) {
            long completed = 0;
            for (RunSummary r : Simulator.run(s, SimulationListener.NONE).summaries()) {
                completed += r.completed();
                assertThat(r.lateFrames())
                        .as(
                                "%s on %s, bound %s s: late frames",
                                r.label(),
                                s.devices().get(0).device().name(),
                                Values.format(s.controller().latencyBoundS()))
                        .isZero();
            }
            assertThat(completed).as("frames completed on %s", s.model().modelId()).isPositive();
        }
    }

    @Test
    void theDefaultBoundKeepsTheNewUsersCaseWithinTwoHundredMilliseconds() {
        BandwidthTrace ge = SyntheticTraces.gilbertElliott(8e6, 1e6, 0.1, 0.3, 1, 600, 3);
        SimulationSpec bounded =
                spec(MacDerivedProfiles.resnet18(), "jetson-tx2", ge, 10, 0.1, 0.2).toBuilder()
                        .controller(ControllerConfig.DEFAULTS)
                        .policies(List.of(Policies.CUTEDGE, Policies.DEVICE_ONLY))
                        .vValues(List.of(10.0))
                        .build();
        SimulationSpec unbounded =
                bounded.toBuilder().latencyBound(Double.POSITIVE_INFINITY).build();
        List<RunSummary> b = Simulator.run(bounded, SimulationListener.NONE).summaries();
        RunSummary u = Simulator.run(unbounded, SimulationListener.NONE).summaries().get(0);
        RunSummary cutedge = b.get(0);
        RunSummary deviceOnly = b.get(1);

        assertThat(bounded.controller().latencyBoundS()).isEqualTo(0.2);
        assertThat(u.latencyP50S()).as("unbounded V=10 queues for seconds").isGreaterThan(1.0);
        assertThat(cutedge.lateShare()).as("late share at the default").isLessThanOrEqualTo(0.01);
        assertThat(cutedge.latencyP95S()).isLessThanOrEqualTo(0.2);
        assertThat(cutedge.throughputFps())
                .isGreaterThanOrEqualTo(0.99 * deviceOnly.throughputFps());
        assertThat(cutedge.joulesPerFrame()).isLessThan(0.8 * deviceOnly.joulesPerFrame());
    }

    @Test
    void theBoundIsAnOptionWithUnitsAndFailsInOneLine() {
        assertThat(
                        ControllerConfig.fromMap(Map.of(ControllerConfig.LATENCY_BOUND, "250ms"))
                                .latencyBoundS())
                .isEqualTo(0.25);
        assertThat(
                        ControllerConfig.fromMap(Map.of(ControllerConfig.LATENCY_BOUND, "0.5 s"))
                                .latencyBoundS())
                .isEqualTo(0.5);
        assertThat(
                        ControllerConfig.fromMap(Map.of(ControllerConfig.LATENCY_BOUND, "inf"))
                                .latencyBoundS())
                .isInfinite();
        assertThatThrownBy(
                        () ->
                                ControllerConfig.fromMap(
                                        Map.of(ControllerConfig.LATENCY_BOUND, "fast")))
                .hasMessage(
                        "edgesplit.controller.latency-bound: 'fast' is not a duration (use e.g."
                                + " 200ms, 0.5s or inf)");
        assertThatThrownBy(
                        () ->
                                ControllerConfig.fromMap(
                                        Map.of(ControllerConfig.LATENCY_BOUND, "80ms")))
                .hasMessageStartingWith(
                        "edgesplit.controller.latency-bound (0.08 s) must exceed slot-seconds"
                                + " (0.1 s)");
    }
}
