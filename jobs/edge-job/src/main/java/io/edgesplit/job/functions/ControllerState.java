package io.edgesplit.job.functions;

import io.edgesplit.core.controller.QueueState;

/**
 * Per-device controller state kept in Flink keyed state.
 *
 * @param queues Lyapunov queues after the last decision
 * @param deviceType device profile name from the latest telemetry (or the default)
 * @param capacityBps uplink capacity from the latest telemetry (or the default)
 * @param telemetryTime event time of the latest applied telemetry, Long.MIN_VALUE if none
 * @param lastFrameId highest frame id decided so far, -1 if none
 * @param recentFrames bit i set: frame {@code lastFrameId - i} was decided (duplicate window)
 * @param lastFrameTime capture time of the latest decided frame, Long.MIN_VALUE if none
 * @param lastEventTime event time of the latest event of any kind
 */
public record ControllerState(
        QueueState queues,
        String deviceType,
        double capacityBps,
        long telemetryTime,
        long lastFrameId,
        long recentFrames,
        long lastFrameTime,
        long lastEventTime) {

    /** Frames further back than this from the newest are treated as duplicates. */
    public static final int DUPLICATE_WINDOW = 64;

    public static ControllerState initial(String deviceType, double capacityBps) {
        return new ControllerState(
                QueueState.ZERO,
                deviceType,
                capacityBps,
                Long.MIN_VALUE,
                -1,
                0L,
                Long.MIN_VALUE,
                Long.MIN_VALUE);
    }

    /**
     * Whether frame {@code id}, captured at {@code captureTime}, was already decided (or is too old
     * to tell). A frame id at or below the newest one but captured after the newest decided frame
     * is not a duplicate: the device restarted its frame ids (a new session or a new trace with the
     * same device id), and a producer retry carries the original capture time.
     */
    public boolean seen(long id, long captureTime) {
        if (id > lastFrameId || restartsIds(id, captureTime)) {
            return false;
        }
        long back = lastFrameId - id;
        return back >= DUPLICATE_WINDOW || (recentFrames & (1L << back)) != 0;
    }

    private boolean restartsIds(long id, long captureTime) {
        return id <= lastFrameId && captureTime > lastFrameTime;
    }

    /** State after frame {@code id} was decided. */
    public ControllerState withFrame(long id, long captureTime, QueueState after) {
        long mask;
        long last;
        if (lastFrameId >= 0 && restartsIds(id, captureTime)) {
            mask = 1L;
            last = id;
        } else if (id > lastFrameId) {
            long shift = id - lastFrameId;
            mask = (lastFrameId < 0 || shift >= DUPLICATE_WINDOW ? 0L : recentFrames << shift) | 1L;
            last = id;
        } else {
            mask = recentFrames | (1L << (lastFrameId - id));
            last = lastFrameId;
        }
        return new ControllerState(
                after,
                deviceType,
                capacityBps,
                telemetryTime,
                last,
                mask,
                Math.max(lastFrameTime, captureTime),
                Math.max(lastEventTime, captureTime));
    }

    public ControllerState withTelemetry(String type, double capacity, long time) {
        return new ControllerState(
                queues,
                type,
                capacity,
                time,
                lastFrameId,
                recentFrames,
                lastFrameTime,
                Math.max(lastEventTime, time));
    }
}
