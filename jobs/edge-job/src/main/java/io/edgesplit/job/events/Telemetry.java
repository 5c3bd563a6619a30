package io.edgesplit.job.events;

/**
 * Device telemetry after validation.
 *
 * @param deviceId device key
 * @param eventTime event time, epoch ms
 * @param deviceType device profile name, e.g. "jetson-tx2"
 * @param uplinkBps measured uplink throughput, bit/s (finite, >= 0)
 * @param rttMs round-trip time, or null
 * @param batteryJ battery energy left, or null
 * @param gpuClockHz current GPU clock, or null
 * @param powerW measured power, or null
 */
public record Telemetry(
        String deviceId,
        long eventTime,
        String deviceType,
        double uplinkBps,
        Double rttMs,
        Double batteryJ,
        Long gpuClockHz,
        Double powerW) {}
