package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.ControllerSetting;
import io.edgesplit.core.controller.PolicyKind;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.trace.SyntheticTraces;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The typed controller settings ({@link ControllerConfig#SETTINGS}) and the policy kinds: every
 * setting round-trips through text, and a policy's decisions do not change with a setting it does
 * not declare in {@link PolicyKind#settings()}.
 */
class PolicySettingsTest {

    /** A value other than the default for every setting but the policy. */
    private static final Map<String, String> OTHER =
            Map.ofEntries(
                    Map.entry(ControllerConfig.V, "7"),
                    Map.entry(ControllerConfig.THETA, "3"),
                    Map.entry(ControllerConfig.SLOT_SECONDS, "0.05"),
                    Map.entry(ControllerConfig.POWER_BUDGET_W, "2.5"),
                    Map.entry(ControllerConfig.EPSILON, "0.3"),
                    Map.entry(ControllerConfig.RATE_LEVELS, "4"),
                    Map.entry(ControllerConfig.UPLINK_REFERENCE_BPS, "5e6"),
                    Map.entry(ControllerConfig.SEED, "42"),
                    Map.entry(ControllerConfig.MAX_ADMITTED, "1"),
                    Map.entry(ControllerConfig.ADMISSION_MAX_WAIT_S, "0.01"),
                    Map.entry(ControllerConfig.FIXED_CLOCK_HZ, "300000000"),
                    Map.entry(ControllerConfig.PRUNE_CUTS, "false"),
                    Map.entry(ControllerConfig.CUT_ENERGY_WEIGHT, "0"),
                    Map.entry(ControllerConfig.ALLOW_IDLE, "false"),
                    Map.entry(ControllerConfig.LATENCY_BOUND, "150ms"));

    @Test
    void everySettingIsDeclaredOnceAndRoundTripsThroughText() {
        Set<String> keys = new HashSet<>();
        for (ControllerSetting<?> s : ControllerConfig.SETTINGS) {
            assertThat(keys.add(s.key())).as("declared once: %s", s.key()).isTrue();
            assertThat(s.key()).startsWith(ControllerConfig.PREFIX);
            assertThat(s.description()).isNotBlank();
            assertThat(s.getter().apply(ControllerConfig.DEFAULTS))
                    .as("builder default of %s", s.key())
                    .isEqualTo(s.defaultValue());
        }
        assertThat(keys).containsAll(OTHER.keySet()).hasSize(OTHER.size() + 1);

        ControllerConfig changed = ControllerConfig.fromMap(OTHER);
        for (ControllerSetting<?> s : ControllerConfig.SETTINGS) {
            if (!s.key().equals(ControllerConfig.POLICY)) {
                assertThat(s.getter().apply(changed))
                        .as("%s is read from its text", s.key())
                        .isNotEqualTo(s.defaultValue());
            }
        }
        assertThat(ControllerConfig.fromMap(changed.toMap())).isEqualTo(changed);
        assertThat(ControllerConfig.fromMap(ControllerConfig.DEFAULTS.toMap()))
                .isEqualTo(ControllerConfig.DEFAULTS);
        assertThat(ControllerConfig.DEFAULTS.toMap().get(ControllerConfig.MAX_ADMITTED))
                .isEqualTo("inf");
    }

    @Test
    void badTextFailsNamingTheKey() {
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of(ControllerConfig.V, "lots")))
                .hasMessageContaining(ControllerConfig.V);
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of("edgesplit.controller.vv", "1")))
                .hasMessageStartingWith("unknown controller option 'edgesplit.controller.vv'");
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of(ControllerConfig.POLICY, "x")))
                .hasMessageContaining("unknown policy 'x': valid policies are cutedge");
        assertThatThrownBy(() -> PolicyKind.of("Cutedge")).hasMessageContaining("'Cutedge'");
        assertThat(PolicyKind.of("device-only")).isEqualTo(PolicyKind.DEVICE_ONLY);
    }

    @Test
    void aPolicyIgnoresTheSettingsItDoesNotDeclare() {
        for (PolicyKind kind : PolicyKind.values()) {
            ControllerConfig base = ControllerConfig.builder().policy(kind.policyName()).build();
            List<Double> reference = outcome(base);
            for (Map.Entry<String, String> e : OTHER.entrySet()) {
                if (kind.settings().contains(e.getKey())
                        || e.getKey().equals(ControllerConfig.SLOT_SECONDS)) {
                    continue;
                }
                ControllerConfig other =
                        ControllerConfig.fromMap(Map.of(e.getKey(), e.getValue()), base);
                assertThat(outcome(other))
                        .as(
                                "%s does not declare %s, so it must not change its decisions",
                                kind, e.getKey())
                        .isEqualTo(reference);
            }
        }
    }

    /**
     * Frames, energy, latency and physical backlogs of a short simulated run under {@code config}
     * (not the backlog in seconds of the Lyapunov function: uplink-reference-bps is its unit).
     */
    private static List<Double> outcome(ControllerConfig config) {
        SimulationSpec spec =
                SimulationSpec.builder()
                        .name("settings")
                        .model(MacDerivedProfiles.resnet18())
                        .addDevices(
                                new DeviceGroup(
                                        2,
                                        DeviceProfiles.builtin("jetson-tx2"),
                                        List.of(
                                                SyntheticTraces.gilbertElliott(
                                                        8e6, 1e6, 0.1, 0.3, 1, 300, 5)),
                                        10,
                                        ArrivalProcess.POISSON))
                        .slots(300)
                        .policies(List.of(config.policy()))
                        .vValues(List.of(config.v()))
                        .controller(config)
                        .build();
        RunSummary r = Simulator.run(spec, SimulationListener.NONE).summaries().get(0);
        return List.of(
                (double) r.admitted(),
                (double) r.completed(),
                r.joulesPerFrame(),
                r.latencyP95S(),
                r.meanComputeBacklogS(),
                r.meanUplinkBacklogBits());
    }
}
