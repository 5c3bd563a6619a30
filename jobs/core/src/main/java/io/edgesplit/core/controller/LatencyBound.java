package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;

/**
 * The latency bound D of the cutedge policies ({@code edgesplit.controller.latency-bound}), as a
 * constraint on each decision rather than a cost: an earliest-deadline rule over the FIFO backlog,
 * with the oldest queued frame's deadline kept in {@link QueueState#clearWithinS()}.
 *
 * <p>The rule. Frames admitted in a slot join the queues at its end, so a frame waits at most Δ
 * before it is served and needs at most {@code g_max} (the longest tail) after its bits leave: it
 * meets D if the backlog it joins is cleared within the fresh budget {@code B = D − Δ − g_max} of
 * the next slot's start. Each decision (1) serves the backlog so that it is cleared by its deadline
 * T at the slot's clock and rate, {@code Qc/μc(f) + Qn/r ≤ T} (conservative for a FIFO that sends a
 * frame's bits after its head: the last bit has left by then), taking the cheapest clock and rate
 * in the drift-plus-penalty sense among those that do; (2) sets the next deadline to T − Δ if old
 * work remains after the slot, else to B; (3) admits frames only at cuts, and in numbers, whose
 * backlog after admission can be cleared by that next deadline at the fastest clock and the slot's
 * highest rate. Guarantee, in the controller's model: as long as the next slot's capacity is at
 * least this slot's, every admitted frame is cleared by the deadline of the backlog it joined,
 * hence its latency is at most D. When capacity falls, a deadline can become unreachable; the
 * policy then serves as fast as it can (the frames are late, and the simulator counts them) and
 * admits nothing until the overdue work is gone.
 */
final class LatencyBound {

    private LatencyBound() {}

    /** Whether the config sets a bound. */
    static boolean active(ControllerConfig cfg) {
        return !Double.isInfinite(cfg.latencyBoundS());
    }

    /** The fresh budget B = D − Δ − g_max (s) of frames admitted into an empty backlog. */
    static double freshBudget(ControllerConfig cfg, ModelCosts costs) {
        return cfg.latencyBoundS() - cfg.slotSeconds() - costs.maxTailSeconds();
    }

    /**
     * Time to clear {@code rc} seconds of work and {@code rn} bits already queued plus {@code a}
     * new frames of cut p at this clock and rate, with each new frame's bits sent after its head:
     * the old backlog is gone after rc/μ + rn/r at the latest, and a frames through a two-stage
     * FIFO (head h = w_p/μ, then send s = s_p/r) take {@code a·max(h, s) + min(h, s)}.
     */
    static double admitSeconds(
            ModelCosts costs, int clock, double rate, double rc, double rn, int a, int p) {
        double old = clearSeconds(costs, clock, rate, rc, rn);
        double h = clearSeconds(costs, clock, rate, costs.headSecondsAtMax(p), 0);
        double s = clearSeconds(costs, clock, rate, 0, costs.bits(p));
        return old + a * Math.max(h, s) + Math.min(h, s);
    }

    /**
     * Time to clear {@code qc} seconds of work and {@code qn} bits at this clock ({@link
     * SlotModel#IDLE} serves nothing) and rate: qc/μc(f) + qn/r, +inf when a non-empty queue is not
     * served.
     */
    static double clearSeconds(ModelCosts costs, int clock, double rate, double qc, double qn) {
        double t = 0;
        if (qc > 0) {
            double mu = SlotModel.speed(costs, clock);
            t += mu > 0 ? qc / mu : Double.POSITIVE_INFINITY;
        }
        if (qn > 0) {
            t += rate > 0 ? qn / rate : Double.POSITIVE_INFINITY;
        }
        return t;
    }
}
