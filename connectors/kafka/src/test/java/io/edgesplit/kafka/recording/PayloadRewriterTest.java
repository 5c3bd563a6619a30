package io.edgesplit.kafka.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadRewriterTest {

    private static final long DELTA = 3_600_000;

    @Test
    void movesTheCaptureTimeAndFrameIdOfFrames() {
        PayloadRewriter rw = new PayloadRewriter();
        Frame before = AvroSamples.frame("cam-01", 7, 16);

        Frame after =
                AvroCodec.of(Frame.class)
                        .decode(rw.rewrite(AvroCodec.of(Frame.class).encode(before), DELTA, 100));

        assertThat(after.getCaptureTime())
                .isEqualTo(Instant.ofEpochMilli(before.getCaptureTime().toEpochMilli() + DELTA));
        assertThat(after.getFrameId()).isEqualTo(107);
        assertThat(after.getTensors()).isEqualTo(before.getTensors());
        assertThat(after.getDeviceId()).isEqualTo("cam-01");
        assertThat(rw.rewritten()).isEqualTo(1);
        assertThat(rw.maxFrameId()).isEqualTo(7);
    }

    @Test
    void movesTheEventTimeOfTelemetry() {
        PayloadRewriter rw = new PayloadRewriter();
        DeviceTelemetry before = AvroSamples.telemetry("cam-01", AvroSamples.T0, 5e6);

        DeviceTelemetry after =
                AvroCodec.of(DeviceTelemetry.class)
                        .decode(
                                rw.rewrite(
                                        AvroCodec.of(DeviceTelemetry.class).encode(before),
                                        DELTA,
                                        100));

        assertThat(after.getEventTime()).isEqualTo(Instant.ofEpochMilli(AvroSamples.T0 + DELTA));
        assertThat(after.getUplinkBps()).isEqualTo(5e6);
    }

    @Test
    void leavesOtherValuesAloneAndCountsUndecodableOnes() {
        PayloadRewriter rw = new PayloadRewriter();
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] frame = AvroCodec.of(Frame.class).encode(AvroSamples.frame("cam-01", 3, 16));
        byte[] truncated = Arrays.copyOf(frame, 20);

        assertThat(rw.rewrite(text, DELTA, 0)).isSameAs(text);
        assertThat(rw.rewrite(null, DELTA, 0)).isNull();
        assertThat(rw.rewrite(truncated, DELTA, 0)).isSameAs(truncated);
        assertThat(rw.rewrite(frame, 0, 0)).isSameAs(frame);
        assertThat(rw.undecodable()).isEqualTo(1);
        assertThat(rw.rewritten()).isZero();
        assertThat(rw.maxFrameId()).isEqualTo(3);
    }
}
