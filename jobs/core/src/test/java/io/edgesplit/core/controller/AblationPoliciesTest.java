package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The joint-control ablation: cutedge-cut-only, cutedge-cut-clock and cutedge-cut-rate hold the
 * controls they do not own at the maximum clock and the highest candidate rate, and otherwise
 * decide as cutedge does.
 */
class AblationPoliciesTest {

    private static final int CASES = 2000;

    @Test
    void controlsTheAblationDoesNotOwnAreHeldAtTheirMaximum() {
        Random rnd = new Random(13);
        int clockDiffers = 0;
        int rateDiffers = 0;
        for (int i = 0; i < CASES; i++) {
            CutEdgePolicyTest.Case c = CutEdgePolicyTest.randomCase(rnd);
            ControllerConfig cfg = c.cfg().toBuilder().fixedClockHz(0).build();
            long maxClock = c.costs().clockHz(c.costs().maxClockIndex());
            double maxRate = SlotModel.maxRate(c.costs(), c.in(), cfg);
            ControlDecision full = decide(Policies.CUTEDGE, cfg, c);
            ControlDecision cutOnly = decide(Policies.CUTEDGE_CUT_ONLY, cfg, c);
            ControlDecision cutClock = decide(Policies.CUTEDGE_CUT_CLOCK, cfg, c);
            ControlDecision cutRate = decide(Policies.CUTEDGE_CUT_RATE, cfg, c);

            assertThat(cutOnly.gpuClockHz()).as("case %d", i).isEqualTo(maxClock);
            assertThat(cutOnly.uplinkBps()).as("case %d", i).isEqualTo(maxRate);
            assertThat(cutClock.uplinkBps()).as("case %d", i).isEqualTo(maxRate);
            assertThat(cutClock.gpuClockHz()).as("case %d", i).isEqualTo(full.gpuClockHz());
            assertThat(cutRate.gpuClockHz()).as("case %d", i).isEqualTo(maxClock);
            assertThat(cutRate.uplinkBps()).as("case %d", i).isEqualTo(full.uplinkBps());
            clockDiffers += full.gpuClockHz() != maxClock ? 1 : 0;
            rateDiffers += full.uplinkBps() != maxRate ? 1 : 0;
        }
        assertThat(clockDiffers)
                .as("cutedge itself chooses other clocks")
                .isGreaterThan(CASES / 10);
        assertThat(rateDiffers).as("cutedge itself chooses other rates").isGreaterThan(CASES / 10);
    }

    @Test
    void theAblationsAreLyapunovPoliciesThatReadV() {
        for (String name :
                new String[] {
                    Policies.CUTEDGE_CUT_ONLY, Policies.CUTEDGE_CUT_CLOCK, Policies.CUTEDGE_CUT_RATE
                }) {
            assertThat(Policies.usesV(name)).isTrue();
            assertThat(PolicyKind.of(name).settings())
                    .contains(ControllerConfig.V, ControllerConfig.LATENCY_BOUND);
            CutEdgePolicy p = (CutEdgePolicy) Policies.create(name, ControllerConfig.DEFAULTS);
            assertThat(p.controlsClock())
                    .isEqualTo(
                            !name.equals(Policies.CUTEDGE_CUT_ONLY)
                                    && !name.equals(Policies.CUTEDGE_CUT_RATE));
            assertThat(p.controlsRate()).isEqualTo(name.equals(Policies.CUTEDGE_CUT_RATE));
        }
    }

    private static ControlDecision decide(
            String policy, ControllerConfig cfg, CutEdgePolicyTest.Case c) {
        return Policies.create(policy, cfg).decide(c.state(), c.in(), c.device(), c.costs());
    }
}
