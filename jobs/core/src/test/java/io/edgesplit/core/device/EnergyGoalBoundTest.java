package io.edgesplit.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why the brief's "90% less device energy than device-only at equal throughput" is out of reach
 * with the shipped Jetson profiles, whatever the policy.
 *
 * <p>Device-only runs every frame at fmax: at throughput λ with t seconds of work per frame, it
 * spends {@code P(fmax)·t + P_idle·(1/λ − t)} per frame. Any policy at the same throughput spends
 * at least the idle floor {@code P_idle/λ} per frame (the radio only adds). Their ratio is smallest
 * when device-only is saturated (λ = 1/t), where it is {@code P_idle / P(fmax)}; so no policy can
 * save more than {@code 1 − P_idle/P(fmax)} of device-only's energy. docs/controller.md section 6
 * quotes these bounds.
 */
class EnergyGoalBoundTest {

    static double bestPossibleSaving(DeviceProfile d) {
        GpuModel g = d.gpu();
        return 1 - g.idleW() / g.busyPowerW(g.clockCount() - 1);
    }

    @Test
    void noPolicyCanSaveNinetyPercentOnAnyShippedJetson() {
        Map<String, Double> bound = new LinkedHashMap<>();
        for (String name : DeviceProfiles.builtinNames()) {
            if (name.startsWith("jetson-")) {
                bound.put(name, bestPossibleSaving(DeviceProfiles.builtin(name)));
            }
        }
        assertThat(bound).hasSize(4);
        bound.forEach(
                (name, saving) -> {
                    System.out.printf("%-18s best possible saving %.1f%%%n", name, saving * 100);
                    assertThat(saving).as(name).isBetween(0.5, 0.9);
                });
    }
}
