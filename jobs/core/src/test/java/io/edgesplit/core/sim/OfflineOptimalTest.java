package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.trace.SyntheticTraces;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline-optimal lower bound: no policy that completes every frame within the bound uses less
 * energy, and relaxing the bound can only lower it.
 */
class OfflineOptimalTest {

    private static SimulationSpec.Builder spec(double bound) {
        return SimulationSpec.builder()
                .name("offline")
                .model(MacDerivedProfiles.resnet18())
                .addDevices(
                        new DeviceGroup(
                                3,
                                DeviceProfiles.builtin("jetson-tx2"),
                                List.of(
                                        SyntheticTraces.gilbertElliott(
                                                8e6, 1e6, 0.1, 0.3, 1, 600, 3)),
                                10,
                                ArrivalProcess.POISSON))
                .slots(1500)
                .warmupSlots(100)
                .policies(Policies.names())
                .vValues(List.of(0.1, 1.0, 10.0, 100.0))
                .controller(ControllerConfig.builder().latencyBoundS(bound).build())
                .recordSlots(false);
    }

    @Test
    void noPolicyThatMeetsTheBoundBeatsIt() {
        SimulationResult r = Simulator.run(spec(0.2).build(), SimulationListener.NONE);
        RunSummary bound = r.offline();
        assertThat(r.summaries()).contains(bound);
        assertThat(bound.admitted()).isPositive();
        int compared = 0;
        for (RunSummary s : r.summaries()) {
            if (s == bound || s.completed() == 0) {
                continue;
            }
            // the bound is per frame: compare the energy of the frames a policy completed in time
            double floor = bound.idleFloorJ() + bound.activeJoulesPerFrame() * s.completed();
            assertThat(s.energyJ())
                    .as("%s energy vs the offline bound for its frames", s.label())
                    .isGreaterThanOrEqualTo(floor * (1 - 0.01));
            compared++;
        }
        assertThat(compared).isGreaterThan(10);
    }

    @Test
    void aLooserBoundNeverRaisesTheBound() {
        RunSummary tight = Simulator.run(spec(0.15).build(), SimulationListener.NONE).offline();
        RunSummary loose = Simulator.run(spec(2.0).build(), SimulationListener.NONE).offline();
        RunSummary none =
                Simulator.run(spec(Double.POSITIVE_INFINITY).build(), SimulationListener.NONE)
                        .offline();
        assertThat(loose.admitted()).isGreaterThanOrEqualTo(tight.admitted());
        assertThat(loose.activeJoulesPerFrame())
                .isLessThanOrEqualTo(tight.activeJoulesPerFrame() * (1 + 1e-12));
        assertThat(none.activeJoulesPerFrame())
                .isLessThanOrEqualTo(loose.activeJoulesPerFrame() * (1 + 1e-12));
    }
}
