package io.edgesplit.kafka;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.Tensor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Avro records for tests. */
public final class AvroSamples {

    public static final long T0 = 1_700_000_000_000L;

    private AvroSamples() {}

    public static DeviceTelemetry telemetry(String deviceId, long eventTimeMs, double uplinkBps) {
        return DeviceTelemetry.newBuilder()
                .setDeviceId(deviceId)
                .setEventTime(Instant.ofEpochMilli(eventTimeMs))
                .setDeviceType(Telemetry.DEVICE_TYPE)
                .setUplinkBps(uplinkBps)
                .build();
    }

    public static Frame frame(String deviceId, long frameId, int payloadBytes) {
        return Frame.newBuilder()
                .setDeviceId(deviceId)
                .setFrameId(frameId)
                .setCaptureTime(Instant.ofEpochMilli(T0 + frameId))
                .setModelId("mobilenetv2")
                .setCut(0)
                .setTensors(
                        List.of(
                                Tensor.newBuilder()
                                        .setName("input")
                                        .setElementType(ElementType.UINT8)
                                        .setShape(List.of(1L, (long) payloadBytes))
                                        .setData(ByteBuffer.wrap(new byte[payloadBytes]))
                                        .build()))
                .build();
    }
}
