package io.edgesplit.kafka.recording;

/**
 * When each record of a replay is due, in nanoseconds after the replay started: the record's
 * timestamp gap to the trace's first timestamp divided by the speed, and no sooner than {@code
 * 1/rate} after the previous record's due time. Pure (no clock): the replayer sleeps until the due
 * time. Records whose timestamp lies before the first one are due at once.
 */
public final class ReplayPacer {

    /** Speed meaning "as fast as possible". */
    public static final double MAX_SPEED = 0;

    private final double speed;
    private final long minGapNanos;
    private final long baseTimestamp;
    private final long loopPeriodMs;
    private long previousDue = Long.MIN_VALUE;

    /**
     * @param speed 1 = recorded pace, 2 = twice as fast, {@link #MAX_SPEED} = no waiting
     * @param ratePerSecond at most this many records per second, 0 = no limit
     * @param baseTimestamp the trace's first timestamp (due at 0)
     * @param loopPeriodMs how much later each further loop starts, in trace time
     */
    public ReplayPacer(double speed, double ratePerSecond, long baseTimestamp, long loopPeriodMs) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed " + speed + " must be >= 0 (0 = max)");
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(
                    "rate limit " + ratePerSecond + " must be >= 0 (0 = none)");
        }
        this.speed = speed;
        this.minGapNanos = ratePerSecond == 0 ? 0 : Math.round(1e9 / ratePerSecond);
        this.baseTimestamp = baseTimestamp;
        this.loopPeriodMs = loopPeriodMs;
    }

    /**
     * Due time of the next record, which has {@code timestamp} and belongs to loop {@code loop}.
     */
    public long dueNanos(long timestamp, int loop) {
        long due = 0;
        if (speed != MAX_SPEED) {
            double traceMs = (double) (timestamp - baseTimestamp) + (double) loop * loopPeriodMs;
            due = Math.max(0, Math.round(traceMs * 1e6 / speed));
        }
        if (previousDue != Long.MIN_VALUE && minGapNanos > 0) {
            due = Math.max(due, previousDue + minGapNanos);
        }
        previousDue = Math.max(due, previousDue);
        return due;
    }

    /**
     * How much later in trace time loop {@code n+1} starts than loop {@code n}: the span of the
     * trace plus its average gap between records (one second for a single record).
     */
    public static long loopPeriodMs(long firstTimestamp, long lastTimestamp, long records) {
        long span = Math.max(0, lastTimestamp - firstTimestamp);
        long gap = records > 1 ? Math.max(1, Math.round((double) span / (records - 1))) : 1000;
        return span + gap;
    }
}
