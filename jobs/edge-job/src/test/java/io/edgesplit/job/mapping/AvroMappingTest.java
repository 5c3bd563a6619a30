package io.edgesplit.job.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.Tensor;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvroMappingTest {

    private static final Set<String> TYPES = Set.of("jetson-tx2");

    private static DeviceTelemetry.Builder telemetry() {
        return DeviceTelemetry.newBuilder()
                .setDeviceId("cam")
                .setEventTime(Instant.ofEpochMilli(5))
                .setDeviceType("jetson-tx2")
                .setUplinkBps(1e6);
    }

    @Test
    void telemetryRoundTrips() {
        Telemetry t = new Telemetry("cam", 5, "jetson-tx2", 2e6, 30.0, null, 1_300_500_000L, 7.5);
        assertThat(AvroMapping.telemetry(AvroMapping.telemetry(t), TYPES)).isEqualTo(t);
    }

    @Test
    void nonsenseTelemetryIsRejectedWithAReason() {
        assertThatThrownBy(() -> AvroMapping.telemetry(telemetry().setUplinkBps(-1).build(), TYPES))
                .hasMessage(
                        "telemetry of device 'cam' has uplink throughput -1.0 bit/s: it must be a finite number >= 0");
        assertThatThrownBy(
                        () ->
                                AvroMapping.telemetry(
                                        telemetry().setUplinkBps(Double.NaN).build(), TYPES))
                .hasMessageContaining("NaN bit/s");
        assertThatThrownBy(() -> AvroMapping.telemetry(telemetry().setRttMs(-3.0).build(), TYPES))
                .hasMessage(
                        "telemetry of device 'cam' has rttMs = -3.0: it must be a finite number >= 0");
        assertThatThrownBy(
                        () ->
                                AvroMapping.telemetry(
                                        telemetry().setDeviceType("toaster").build(), TYPES))
                .hasMessage(
                        "telemetry of device 'cam' names unknown device type 'toaster': the job knows jetson-tx2");
        assertThatThrownBy(() -> AvroMapping.telemetry(telemetry().setDeviceId(" ").build(), TYPES))
                .hasMessage("telemetry without a device id");
    }

    @Test
    void framesRoundTripWithoutCopyingTensorsIntoFloats() {
        FrameIn f = Fixtures.frame("cam", 3, 1_000);
        FrameIn back = AvroMapping.frame(AvroMapping.frame(f));
        assertThat(back.tensors()).isEqualTo(f.tensors());
        assertThat(back.deviceId()).isEqualTo("cam");
        assertThat(back.frameId()).isEqualTo(3);
        assertThat(back.captureTime()).isEqualTo(1_000);
    }

    @Test
    void malformedFramesAreRejectedWithAReason() {
        Frame ok = AvroMapping.frame(Fixtures.frame("cam", 3, 1_000));
        Tensor t = ok.getTensors().get(0);
        Frame shortData =
                Frame.newBuilder(ok)
                        .setTensors(
                                List.of(
                                        Tensor.newBuilder(t)
                                                .setData(ByteBuffer.allocate(7))
                                                .build()))
                        .build();
        assertThatThrownBy(() -> AvroMapping.frame(shortData))
                .hasMessage(
                        "frame 3 of device 'cam': tensor 'input' of shape [1, 3, 32, 32] FLOAT needs 12288 bytes, the record carries 7");
        Frame zeroDim =
                Frame.newBuilder(ok)
                        .setTensors(
                                List.of(
                                        Tensor.newBuilder(t)
                                                .setShape(List.of(1L, 0L))
                                                .setElementType(ElementType.FLOAT)
                                                .build()))
                        .build();
        assertThatThrownBy(() -> AvroMapping.frame(zeroDim))
                .hasMessageContaining("with a dimension <= 0");
        assertThatThrownBy(
                        () -> AvroMapping.frame(Frame.newBuilder(ok).setTensors(List.of()).build()))
                .hasMessage("frame 3 of device 'cam' carries no tensor");
        assertThatThrownBy(() -> AvroMapping.frame(Frame.newBuilder(ok).setCut(-1).build()))
                .hasMessage("frame 3 of device 'cam' has negative cut -1");
    }

    @Test
    void profilesRoundTripThroughAvro() {
        ModelProfile p = Fixtures.profile();
        assertThat(AvroMapping.modelProfile(AvroMapping.modelProfile(p))).isEqualTo(p);
        ModelProfile dag = ModelAnalyzer.analyze(ModelZoo.build("tiny-branches"), null).toProfile();
        assertThat(dag.cuts()).anyMatch(CutProfile::general);
        assertThat(AvroMapping.modelProfile(AvroMapping.modelProfile(dag))).isEqualTo(dag);
    }
}
