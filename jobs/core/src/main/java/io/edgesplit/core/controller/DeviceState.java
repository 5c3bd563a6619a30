package io.edgesplit.core.controller;

/**
 * What the {@link DeviceController} keeps per device between events (Flink keyed state in the job).
 *
 * @param queues Lyapunov queues after the last decision
 * @param deviceType device profile name from the latest telemetry (or the default)
 * @param capacityBps uplink capacity from the latest telemetry (or the default)
 * @param telemetryTime event time of the latest applied telemetry, Long.MIN_VALUE if none
 * @param lastFrameId highest frame id seen so far (decided or failed), -1 if none
 * @param recentFrames bit i set: frame {@code lastFrameId - i} was seen (duplicate window)
 * @param lastFrameTime latest capture time of a seen frame (decided or failed), Long.MIN_VALUE if
 *     none: tells a restart of frame ids from a redelivery
 * @param lastDecidedTime latest capture time of a decided frame, Long.MIN_VALUE if none: the next
 *     decision's slot ends here, so a failed frame does not shorten it
 * @param lastEventTime event time of the latest event of any kind
 */
public record DeviceState(
        QueueState queues,
        String deviceType,
        double capacityBps,
        long telemetryTime,
        long lastFrameId,
        long recentFrames,
        long lastFrameTime,
        long lastDecidedTime,
        long lastEventTime) {

    /** Frames further back than this from the newest are treated as duplicates. */
    public static final int DUPLICATE_WINDOW = 64;

    /** A device seen for the first time: empty queues, the given type and capacity. */
    public static DeviceState initial(String deviceType, double capacityBps) {
        return new DeviceState(
                QueueState.ZERO,
                deviceType,
                capacityBps,
                Long.MIN_VALUE,
                -1,
                0L,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE);
    }

    /**
     * Whether frame {@code id}, captured at {@code captureTime}, was already seen (or is too old to
     * tell). A frame id at or below the newest one but captured after the newest seen frame is not
     * a duplicate: the device restarted its frame ids (a new session or a new trace with the same
     * device id), and a producer retry carries the original capture time.
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

    /** State after frame {@code id} was decided, leaving the queues at {@code after}. */
    public DeviceState withDecidedFrame(long id, long captureTime, QueueState after) {
        return withFrame(id, captureTime, after, Math.max(lastDecidedTime, captureTime));
    }

    /** State after frame {@code id} failed without a decision: seen, nothing else changes. */
    public DeviceState withFailedFrame(long id, long captureTime) {
        return withFrame(id, captureTime, queues, lastDecidedTime);
    }

    private DeviceState withFrame(long id, long captureTime, QueueState after, long decidedTime) {
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
        return new DeviceState(
                after,
                deviceType,
                capacityBps,
                telemetryTime,
                last,
                mask,
                Math.max(lastFrameTime, captureTime),
                decidedTime,
                Math.max(lastEventTime, captureTime));
    }

    /** State after a telemetry sample at {@code time}. */
    public DeviceState withTelemetry(String type, double capacity, long time) {
        return new DeviceState(
                queues,
                type,
                capacity,
                time,
                lastFrameId,
                recentFrames,
                lastFrameTime,
                lastDecidedTime,
                Math.max(lastEventTime, time));
    }
}
