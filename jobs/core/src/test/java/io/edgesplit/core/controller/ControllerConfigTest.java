package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {

    @Test
    void defaults() {
        ControllerConfig c = ControllerConfig.DEFAULTS;
        assertThat(c.policy()).isEqualTo("cutedge");
        assertThat(c.v()).isEqualTo(1.0);
        assertThat(c.slotSeconds()).isEqualTo(0.1);
        assertThat(c.powerBudgetW()).isInfinite();
        assertThat(c.epsilon()).isZero();
        assertThat(c.cutEnergyWeight()).isEqualTo(1.0);
        assertThat(c.uplinkReferenceBps()).isEqualTo(1e6);
        assertThat(c.allowIdle()).isTrue();
        assertThat(c.maxAdmitted()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void parsesKeysWithUnitsAndIgnoresOtherPrefixes() {
        Map<String, String> m = new HashMap<>();
        m.put(ControllerConfig.V, "1e3");
        m.put(ControllerConfig.POWER_BUDGET_W, "4.5");
        m.put(ControllerConfig.UPLINK_REFERENCE_BPS, "5M");
        m.put(ControllerConfig.MAX_ADMITTED, "inf");
        m.put(ControllerConfig.PRUNE_CUTS, "false");
        m.put(ControllerConfig.POLICY, "random");
        m.put("edgesplit.inference.provider", "cuda");
        ControllerConfig c = ControllerConfig.fromMap(m);
        assertThat(c.v()).isEqualTo(1000);
        assertThat(c.powerBudgetW()).isEqualTo(4.5);
        assertThat(c.uplinkReferenceBps()).isEqualTo(5e6);
        assertThat(c.maxAdmitted()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.pruneDominatedCuts()).isFalse();
        assertThat(Policies.create(c).name()).isEqualTo("random");
    }

    @Test
    void roundTripsThroughItsMap() {
        ControllerConfig c =
                ControllerConfig.builder()
                        .v(12.5)
                        .theta(3)
                        .powerBudgetW(7)
                        .epsilon(0.25)
                        .cutEnergyWeight(0)
                        .allowIdle(false)
                        .seed(-4)
                        .maxAdmitted(3)
                        .fixedClockHz(600_000_000L)
                        .build();
        assertThat(ControllerConfig.fromMap(c.toMap())).isEqualTo(c);
        assertThat(ControllerConfig.fromMap(ControllerConfig.DEFAULTS.toMap()))
                .isEqualTo(ControllerConfig.DEFAULTS);
    }

    @Test
    void everyDocumentedOptionParsesWithItsDefault() {
        Map<String, String> m = new HashMap<>();
        for (ConfigOption o : ControllerConfig.OPTIONS) {
            assertThat(o.key()).startsWith(ControllerConfig.PREFIX);
            assertThat(o.description()).isNotBlank();
            m.put(o.key(), o.defaultValue());
        }
        assertThat(m).hasSameSizeAs(ControllerConfig.OPTIONS);
        assertThat(ControllerConfig.fromMap(m)).isEqualTo(ControllerConfig.DEFAULTS);
    }

    @Test
    void badValuesFailInOneLineNamingTheKey() {
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of(ControllerConfig.V, "-1")))
                .hasMessage("edgesplit.controller.v must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of(ControllerConfig.THETA, "lots")))
                .hasMessageStartingWith("edgesplit.controller.theta: 'lots' is not a number");
        assertThatThrownBy(() -> ControllerConfig.fromMap(Map.of("edgesplit.controller.vee", "1")))
                .hasMessageStartingWith("unknown controller option 'edgesplit.controller.vee'")
                .hasMessageContaining(ControllerConfig.V);
        assertThatThrownBy(() -> ControllerConfig.builder().epsilon(2).build())
                .hasMessage("epsilon must be in [0, 1], got 2.0");
        assertThatThrownBy(() -> ControllerConfig.builder().powerBudgetW(0).build())
                .hasMessageContaining("power-budget-w must be > 0");
        assertThatThrownBy(() -> ControllerConfig.builder().policy("x").build())
                .hasMessageContaining("valid policies are cutedge");
        assertThatThrownBy(() -> new SlotInput(0, -1, 0, 0.1)).hasMessageContaining("arrivals");
        assertThatThrownBy(() -> new QueueState(0, Double.NaN, 0, 0, 0))
                .hasMessageContaining(">= 0");
    }
}
