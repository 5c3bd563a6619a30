package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class EdgeJobWatermarksTest {

    /** Records what a generator did. */
    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }

    @Test
    void theProfilesStreamIsIdleAndNeverMovesTheWatermark() {
        WatermarkGenerator<ProfileUpdate> g =
                EdgeJob.<ProfileUpdate>timelessWatermarks().createWatermarkGenerator(null);
        Recorder out = new Recorder();
        g.onEvent(new ProfileUpdate("m", "{}"), 5, out);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).as("no watermark, least of all the end of time").isEmpty();
        assertThat(out.idle).isEqualTo(1);
    }

    @Test
    void eventTimeComesFromThePayloadAndDeadLettersNeverAdvanceIt() {
        var strategy = EdgeJob.eventTimeWatermarks(Fixtures.config().build(), Telemetry::eventTime);
        var assigner = strategy.createTimestampAssigner(null);
        Decoded<Telemetry> value = Decoded.ofValue(Fixtures.telemetry("cam", 1_234, 1e6));
        Decoded<Telemetry> dead =
                Decoded.ofDeadLetter(new DeadLetterRecord("t", 0, 0, null, "bad", null, 99_999));
        assertThat(assigner.extractTimestamp(value, 5)).isEqualTo(1_234);
        assertThat(assigner.extractTimestamp(dead, 99_999)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aQuietPartitionReleasesItsLastEventsAndThenGoesIdle() {
        ManualClock clock = new ManualClock();
        PauseFlushingWatermarks<String> g = new PauseFlushingWatermarks<>(200, 1_000, clock);
        Recorder out = new Recorder();
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).as("nothing seen, nothing to say").isEmpty();

        g.onEvent("a", 5_000, out);
        g.onEvent("b", 4_900, out);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks)
                .as("trails the newest event by the bound")
                .containsExactly(4_799L);
        assertThat(out.idle).isZero();

        clock.advanceTime(999, TimeUnit.MILLISECONDS);
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("not yet quiet for the idleness").isZero();

        clock.advanceTime(1, TimeUnit.MILLISECONDS);
        g.onPeriodicEmit(out);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks)
                .as("after the pause: the newest event time once, never beyond the data")
                .containsExactly(4_799L, 4_799L, 5_000L);
        assertThat(out.idle).isEqualTo(2);

        g.onEvent("c", 6_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).as("traffic again: trailing again").endsWith(5_799L);
    }

    @Test
    void aPartitionWithoutRecordsYetWaitsLongerBeforeGoingIdle() {
        ManualClock clock = new ManualClock();
        PauseFlushingWatermarks<String> g = new PauseFlushingWatermarks<>(200, 1_000, clock);
        Recorder out = new Recorder();
        long startup = PauseFlushingWatermarks.STARTUP_FACTOR * 1_000L;

        clock.advanceTime(startup - 1, TimeUnit.MILLISECONDS);
        g.onPeriodicEmit(out);
        assertThat(out.idle)
                .as("a slow first fetch after a (re)start must not let others run ahead")
                .isZero();

        clock.advanceTime(1, TimeUnit.MILLISECONDS);
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("a partition that never gets records goes idle in the end").isOne();
        assertThat(out.watermarks).as("and says nothing about event time").isEmpty();

        g.onEvent("a", 5_000, out);
        clock.advanceTime(1_000, TimeUnit.MILLISECONDS);
        g.onPeriodicEmit(out);
        assertThat(out.watermarks)
                .as("once it has delivered, the ordinary idleness applies")
                .containsExactly(5_000L);
        assertThat(out.idle).isEqualTo(2);
    }

    @Test
    void badSettingsAreRefused() {
        ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> new PauseFlushingWatermarks<>(-1, 1_000, clock))
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new PauseFlushingWatermarks<>(0, 0, clock))
                .hasMessageContaining("idleness");
    }
}
