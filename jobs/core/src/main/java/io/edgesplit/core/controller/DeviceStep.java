package io.edgesplit.core.controller;

/**
 * What one {@link DeviceInput} did to a device: the state to keep and, for a decided frame, the
 * decision.
 *
 * @param next the device's state after the input
 * @param kind what happened
 * @param decision the policy's decision when {@link Kind#ADMITTED} or {@link Kind#SKIPPED}, else
 *     null
 * @param slotSeconds the decision's slot length Δ (event time since the last decided frame), NaN
 *     without a decision
 * @param queueWaitSeconds the admitted frame's queue wait, finite: a policy that holds the uplink
 *     this slot predicts an infinite wait, charged instead as sending the uplink backlog at the
 *     current capacity; NaN without a decision
 * @param transferSeconds the admitted frame's transfer time, finite: an infinite prediction is
 *     charged as one slot of waiting plus sending the cut's bits at the current capacity; NaN
 *     without a decision
 * @param reason why a frame was skipped or failed, else null
 */
public record DeviceStep(
        DeviceState next,
        Kind kind,
        ControlDecision decision,
        double slotSeconds,
        double queueWaitSeconds,
        double transferSeconds,
        String reason) {

    /** What an input did. */
    public enum Kind {
        /** Telemetry applied: device type and capacity updated. */
        TELEMETRY,
        /** Telemetry older than the latest applied one: ignored. */
        STALE_TELEMETRY,
        /** A frame already seen (a redelivery): ignored. */
        DUPLICATE,
        /** A frame that cannot be processed: seen, not decided. */
        FAILED,
        /** A frame decided and not admitted (admission control). */
        SKIPPED,
        /** A frame decided and admitted. */
        ADMITTED
    }

    static DeviceStep without(DeviceState next, Kind kind, String reason) {
        return new DeviceStep(next, kind, null, Double.NaN, Double.NaN, Double.NaN, reason);
    }

    /** Whether the input was a frame seen before. */
    public boolean duplicate() {
        return kind == Kind.DUPLICATE;
    }

    /** Whether the policy decided (admitted or skipped) a frame. */
    public boolean decided() {
        return decision != null;
    }
}
