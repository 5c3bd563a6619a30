package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
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
}
