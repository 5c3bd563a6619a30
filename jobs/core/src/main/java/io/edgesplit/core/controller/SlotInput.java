package io.edgesplit.core.controller;

/**
 * What a policy knows about one slot of one device.
 *
 * @param slot slot number (event time / slot length); the random policy derives its choices from
 *     it, so replays decide the same
 * @param arrivals frames that arrived for this slot, A(t) {@code >= 0}
 * @param capacityBps measured or predicted uplink capacity R(t) (bit/s, {@code >= 0})
 * @param slotSeconds slot length Δ (s, {@code > 0}); one frame per slot is the per-frame case
 */
public record SlotInput(long slot, int arrivals, double capacityBps, double slotSeconds) {

    public SlotInput {
        if (arrivals < 0) {
            throw new IllegalArgumentException("arrivals must be >= 0, got " + arrivals);
        }
        if (!(capacityBps >= 0) || Double.isInfinite(capacityBps)) {
            throw new IllegalArgumentException(
                    "capacityBps must be a finite number >= 0, got " + capacityBps);
        }
        if (!(slotSeconds > 0) || Double.isInfinite(slotSeconds)) {
            throw new IllegalArgumentException(
                    "slotSeconds must be a finite number > 0, got " + slotSeconds);
        }
    }
}
