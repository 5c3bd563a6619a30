package io.edgesplit.job.events;

/**
 * Telemetry or a frame of one device: the controller's single keyed input (exactly one field set).
 *
 * @param telemetry telemetry, or null
 * @param frame frame, or null
 */
public record DeviceEvent(Telemetry telemetry, FrameIn frame) {

    public static DeviceEvent of(Telemetry telemetry) {
        return new DeviceEvent(telemetry, null);
    }

    public static DeviceEvent of(FrameIn frame) {
        return new DeviceEvent(null, frame);
    }

    public boolean isTelemetry() {
        return telemetry != null;
    }

    public String deviceId() {
        return telemetry != null ? telemetry.deviceId() : frame.deviceId();
    }

    /** Event time, epoch ms. */
    public long eventTime() {
        return telemetry != null ? telemetry.eventTime() : frame.captureTime();
    }
}
