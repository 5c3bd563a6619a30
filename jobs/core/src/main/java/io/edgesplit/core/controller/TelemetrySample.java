package io.edgesplit.core.controller;

/**
 * What the controller uses of one telemetry sample.
 *
 * @param deviceId the device's key
 * @param eventTime event time, epoch ms
 * @param deviceType device profile name, e.g. "jetson-tx2"
 * @param uplinkBps measured uplink throughput (bit/s)
 */
public record TelemetrySample(String deviceId, long eventTime, String deviceType, double uplinkBps)
        implements DeviceInput {}
