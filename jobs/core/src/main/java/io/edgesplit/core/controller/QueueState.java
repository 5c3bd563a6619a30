package io.edgesplit.core.controller;

/**
 * The controller's per-device state: two real backlogs and three virtual queues. A record of
 * doubles so it can live in Flink keyed state as a POJO-free value.
 *
 * @param computeBacklogS device compute backlog Qc: seconds of head work at the maximum clock
 * @param uplinkBacklogBits uplink backlog Qn (bits)
 * @param powerQueue virtual queue Y of the average power budget (W)
 * @param computeDelayQueue ε-persistence queue Zc of the compute backlog (s of work)
 * @param uplinkDelayQueue ε-persistence queue Zn of the uplink backlog (bits)
 * @param clearWithinS latency bound only: time from the next decision by which the whole backlog
 *     must be cleared so that every queued frame meets the bound (the oldest frame's deadline); 0
 *     when nothing is queued, or when a queued frame is already overdue (then the policy serves as
 *     fast as it can). Unused without a latency bound.
 */
public record QueueState(
        double computeBacklogS,
        double uplinkBacklogBits,
        double powerQueue,
        double computeDelayQueue,
        double uplinkDelayQueue,
        double clearWithinS) {

    /** All queues empty: the state of a device seen for the first time. */
    public static final QueueState ZERO = new QueueState(0, 0, 0, 0, 0, 0);

    /** Queues without a clearing deadline (no latency bound, or nothing queued). */
    public QueueState(
            double computeBacklogS,
            double uplinkBacklogBits,
            double powerQueue,
            double computeDelayQueue,
            double uplinkDelayQueue) {
        this(
                computeBacklogS,
                uplinkBacklogBits,
                powerQueue,
                computeDelayQueue,
                uplinkDelayQueue,
                0);
    }

    /** This state with another clearing deadline. */
    public QueueState withClearWithin(double seconds) {
        return new QueueState(
                computeBacklogS,
                uplinkBacklogBits,
                powerQueue,
                computeDelayQueue,
                uplinkDelayQueue,
                seconds);
    }

    /** Whether work or bits are queued. */
    public boolean hasBacklog() {
        return computeBacklogS > 0 || uplinkBacklogBits > 0;
    }

    public QueueState {
        if (!(computeBacklogS >= 0)
                || !(uplinkBacklogBits >= 0)
                || !(powerQueue >= 0)
                || !(computeDelayQueue >= 0)
                || !(uplinkDelayQueue >= 0)
                || !(clearWithinS >= 0)) {
            throw new IllegalArgumentException(
                    "queue values must be >= 0 (not NaN), got "
                            + computeBacklogS
                            + ", "
                            + uplinkBacklogBits
                            + ", "
                            + powerQueue
                            + ", "
                            + computeDelayQueue
                            + ", "
                            + uplinkDelayQueue
                            + ", "
                            + clearWithinS);
        }
    }
}
