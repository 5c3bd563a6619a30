package io.edgesplit.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageClockTest {

    private static final double STAGE_MS = 4;

    @Test
    void aFreeStageStartsWhenTheFrameIsReady() {
        StageClock.Slot s = StageClock.schedule(10, Double.NaN, STAGE_MS);
        assertThat(s).isEqualTo(new StageClock.Slot(10, 14, 0));
        assertThat(StageClock.schedule(10, 7, STAGE_MS)).isEqualTo(new StageClock.Slot(10, 14, 0));
    }

    @Test
    void aBusyStageMakesTheFrameWait() {
        StageClock.Slot s = StageClock.schedule(10, 12.5, STAGE_MS);
        assertThat(s).isEqualTo(new StageClock.Slot(12.5, 16.5, 2.5));
    }

    @Test
    void framesReadyTogetherLeaveOneStageTimeApart() {
        double busy = Double.NaN;
        for (int i = 0; i < 5; i++) {
            StageClock.Slot s = StageClock.schedule(0, busy, STAGE_MS);
            assertThat(s.endMs()).isEqualTo((i + 1) * STAGE_MS);
            assertThat(s.waitMs()).isEqualTo(i * STAGE_MS);
            busy = s.endMs();
        }
    }

    @Test
    void rejectsANegativeStageTime() {
        assertThatThrownBy(() -> StageClock.schedule(0, Double.NaN, -1))
                .hasMessageContaining("stage time -1.0 ms");
    }
}
