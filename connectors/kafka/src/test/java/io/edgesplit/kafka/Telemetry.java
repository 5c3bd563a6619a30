package io.edgesplit.kafka;

import io.edgesplit.avro.DeviceTelemetry;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A stand-in for the job's telemetry type: what tests map DeviceTelemetry to and from.
 *
 * @param deviceId device
 * @param eventTimeMs event time, epoch ms
 * @param uplinkBps measured uplink, bit/s
 */
public record Telemetry(String deviceId, long eventTimeMs, double uplinkBps) {

    public static final String DEVICE_TYPE = "jetson-nano";

    /** Flink type information (a POJO). */
    public static TypeInformation<Telemetry> typeInfo() {
        return TypeInformation.of(Telemetry.class);
    }

    /** The mapper a job would supply: rejects semantic nonsense with a one-line reason. */
    public static Telemetry fromAvro(DeviceTelemetry avro) {
        if (avro.getUplinkBps() < 0) {
            throw new IllegalArgumentException(
                    "negative uplink bandwidth "
                            + avro.getUplinkBps()
                            + " bit/s from device "
                            + avro.getDeviceId());
        }
        return new Telemetry(
                avro.getDeviceId(), avro.getEventTime().toEpochMilli(), avro.getUplinkBps());
    }

    /** The inverse mapping, for sinks. */
    public static DeviceTelemetry toAvro(Telemetry telemetry) {
        return DeviceTelemetry.newBuilder()
                .setDeviceId(telemetry.deviceId())
                .setEventTime(Instant.ofEpochMilli(telemetry.eventTimeMs()))
                .setDeviceType(DEVICE_TYPE)
                .setUplinkBps(telemetry.uplinkBps())
                .build();
    }
}
