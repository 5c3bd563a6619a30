package io.edgesplit.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded out-of-orderness watermarks for one Kafka partition that, once the partition has been
 * quiet for the idleness timeout, first release everything it has delivered and then declare it
 * idle.
 *
 * <p>While records flow, the watermark trails the newest event time by the out-of-orderness bound
 * (as Flink's {@code forBoundedOutOfOrderness}). After {@code idleTimeout} without records the
 * generator emits a watermark at the newest event time seen, so the controller's buffered events of
 * that partition are applied, and then marks the partition idle so it stops holding back the others
 * (as {@code withIdleness}). Without the first step the last events before a pause (the end of a
 * replayed trace, a device going quiet) would wait in the controller until traffic resumed. The
 * watermark never goes beyond the data: device state that expires on event-time timers is not
 * touched by a pause.
 *
 * <p>A partition that has not delivered a record yet waits {@link #STARTUP_FACTOR} times the
 * idleness timeout before it declares itself idle. After a start or a restart the first fetch can
 * take longer than the idleness timeout on a loaded machine; if the partition went idle at once,
 * the other partitions' watermark would run ahead and its first records, arriving behind it, would
 * be applied in arrival order, so the decisions would depend on start-up timing. A partition that
 * never gets records (fewer devices than partitions) holds the watermark back this much longer,
 * once per start.
 *
 * <p>The idleness clock is Flink's input activity clock, which stands still while the source is
 * paused by backpressure or watermark alignment. A record that arrives after a pause with an event
 * time at or below the released watermark is late and is applied in arrival order (see {@link
 * io.edgesplit.job.functions.PartitionControllerFunction}).
 */
final class PauseFlushingWatermarks<T> implements WatermarkGenerator<T> {

    /** How many idleness timeouts a partition without any record yet waits before going idle. */
    static final int STARTUP_FACTOR = 3;

    private final long boundMs;
    private final long idleTimeoutMs;
    private final RelativeClock clock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastActivity;
    private boolean released;

    PauseFlushingWatermarks(long boundMs, long idleTimeoutMs, RelativeClock clock) {
        if (boundMs < 0 || idleTimeoutMs <= 0) {
            throw new IllegalArgumentException(
                    "out-of-orderness must be >= 0 and idleness > 0 ms, got "
                            + boundMs
                            + " and "
                            + idleTimeoutMs);
        }
        this.boundMs = boundMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.clock = clock;
        this.lastActivity = clock.relativeTimeMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastActivity = clock.relativeTimeMillis();
        released = false;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        boolean seen = maxTimestamp != Long.MIN_VALUE;
        long timeout = seen ? idleTimeoutMs : STARTUP_FACTOR * idleTimeoutMs;
        if (clock.relativeTimeMillis() - lastActivity < timeout) {
            if (seen) {
                output.emitWatermark(new Watermark(maxTimestamp - boundMs - 1));
            }
            return;
        }
        if (!released && seen) {
            output.emitWatermark(new Watermark(maxTimestamp));
        }
        released = true;
        output.markIdle();
    }
}
