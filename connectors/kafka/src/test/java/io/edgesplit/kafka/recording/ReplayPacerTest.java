package io.edgesplit.kafka.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    private static final long T0 = 1_000_000;
    private static final long MS = 1_000_000;

    @Test
    void recordedGapsAreDividedByTheSpeed() {
        ReplayPacer realTime = new ReplayPacer(1, 0, T0, 1000);
        ReplayPacer twice = new ReplayPacer(2, 0, T0, 1000);
        ReplayPacer slow = new ReplayPacer(0.5, 0, T0, 1000);

        assertThat(realTime.dueNanos(T0, 0)).isZero();
        assertThat(realTime.dueNanos(T0 + 250, 0)).isEqualTo(250 * MS);
        assertThat(twice.dueNanos(T0 + 250, 0)).isEqualTo(125 * MS);
        assertThat(slow.dueNanos(T0 + 250, 0)).isEqualTo(500 * MS);
    }

    @Test
    void maxSpeedNeverWaits() {
        ReplayPacer max = new ReplayPacer(ReplayPacer.MAX_SPEED, 0, T0, 1000);

        assertThat(max.dueNanos(T0 + 5_000, 0)).isZero();
        assertThat(max.dueNanos(T0 + 9_000, 3)).isZero();
    }

    @Test
    void eachLoopStartsOnePeriodLater() {
        ReplayPacer p = new ReplayPacer(2, 0, T0, 1000);

        assertThat(p.dueNanos(T0, 1)).isEqualTo(500 * MS);
        assertThat(p.dueNanos(T0 + 100, 2)).isEqualTo(1050 * MS);
    }

    @Test
    void theRateLimitSpacesRecordsOut() {
        ReplayPacer p = new ReplayPacer(ReplayPacer.MAX_SPEED, 100, T0, 1000);

        assertThat(p.dueNanos(T0, 0)).isZero();
        assertThat(p.dueNanos(T0, 0)).isEqualTo(10 * MS);
        assertThat(p.dueNanos(T0, 0)).isEqualTo(20 * MS);
    }

    @Test
    void theRateLimitOnlyDelaysRecordsThatWouldComeTooSoon() {
        ReplayPacer p = new ReplayPacer(1, 10, T0, 1000);

        assertThat(p.dueNanos(T0, 0)).isZero();
        assertThat(p.dueNanos(T0 + 20, 0)).isEqualTo(100 * MS);
        assertThat(p.dueNanos(T0 + 500, 0)).isEqualTo(500 * MS);
    }

    @Test
    void recordsBeforeTheFirstTimestampAreDueAtOnce() {
        ReplayPacer p = new ReplayPacer(1, 0, T0, 1000);

        assertThat(p.dueNanos(T0 + 100, 0)).isEqualTo(100 * MS);
        assertThat(p.dueNanos(T0 - 100, 0)).isZero();
    }

    @Test
    void loopPeriodIsTheSpanPlusTheAverageGap() {
        assertThat(ReplayPacer.loopPeriodMs(T0, T0 + 900, 10)).isEqualTo(1000);
        assertThat(ReplayPacer.loopPeriodMs(T0, T0, 1)).isEqualTo(1000);
        assertThat(ReplayPacer.loopPeriodMs(T0, T0, 5)).isEqualTo(1);
    }

    @Test
    void refusesNegativeSettings() {
        assertThatThrownBy(() -> new ReplayPacer(-1, 0, T0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("speed -1.0 must be >= 0 (0 = max)");
        assertThatThrownBy(() -> new ReplayPacer(1, Double.NaN, T0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate limit NaN must be >= 0 (0 = none)");
    }
}
