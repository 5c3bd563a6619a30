package io.edgesplit.core.controller;

/**
 * One event of one device that the {@link DeviceController} steps on: a telemetry sample or a
 * frame. The job maps its records to these; the simulator generates them from a trace.
 */
public sealed interface DeviceInput permits TelemetrySample, FrameArrival {

    /** The device's key. */
    String deviceId();

    /** Event time, epoch ms. */
    long eventTime();
}
