package io.edgesplit.core.controller;

import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.RadioModel;

/**
 * The slot physics shared by every policy (brief §5): candidate rates, energies, the
 * drift-plus-penalty terms and the queue updates. Package-private; policies differ only in how they
 * choose (a, p, f, r).
 *
 * <p>Units: Δ = slot length (s), ρ = uplink reference rate (bit/s). The Lyapunov function is {@code
 * L = ½[(Qc/Δ)² + (Zc/Δ)² + (Qn/ρΔ)² + (Zn/ρΔ)² + Y²]}: backlogs in slots of full-speed service, Y
 * in watts. Its drift-plus-penalty bound, up to terms the decision cannot change, is
 *
 * <pre>
 * J = a·(Qc·w_p/Δ² + Qn·s_p/(ρΔ)² − V·θ)
 *   + (V + Y/Δ)·E_c(f) − (Qc + Zc)·μc(f)/Δ
 *   + (V + Y/Δ)·E_n(r) − (Qn + Zn)·r/(ρ²Δ)
 * </pre>
 *
 * which is the brief's J with the queues expressed in slots, plus, when the cut energy weight η is
 * positive, {@code a·η·V·ê_p} with ê_p the frame's predicted energy ({@link #cutTerm}).
 */
final class SlotModel {

    private SlotModel() {}

    /** Frames that may be admitted this slot. */
    static int admittable(SlotInput in, ControllerConfig cfg) {
        return Math.min(in.arrivals(), cfg.maxAdmitted());
    }

    /** Number of candidate uplink rates in this slot (index 0 is always rate 0). */
    static int rateCount(ModelCosts costs, double capacityBps, int levels) {
        int g = costs.rateGridSize();
        if (g == 0) {
            return capacityBps > 0 ? levels + 1 : 1;
        }
        int n = 1;
        while (n - 1 < g && costs.rateGridBps(n - 1) <= capacityBps) {
            n++;
        }
        return n;
    }

    /** The k-th candidate rate (ascending; k = 0 is 0 bit/s). */
    static double rate(ModelCosts costs, double capacityBps, int levels, int k) {
        if (k == 0) {
            return 0;
        }
        return costs.rateGridSize() == 0 ? capacityBps * k / levels : costs.rateGridBps(k - 1);
    }

    /** The highest candidate rate ≤ R(t) (0 if none). */
    static double maxRate(ModelCosts costs, SlotInput in, ControllerConfig cfg) {
        int n = rateCount(costs, in.capacityBps(), cfg.rateLevels());
        return rate(costs, in.capacityBps(), cfg.rateLevels(), n - 1);
    }

    /** Clock index meaning "the GPU idles this slot" (no head work is served). */
    static final int IDLE = -1;

    /** μc(f), 0 when idle. */
    static double speed(ModelCosts costs, int clock) {
        return clock == IDLE ? 0 : costs.speed(clock);
    }

    /** E_c(f) = P(f)·busy + P_idle·(Δ − busy), busy = min(Δ, Qc/μc(f)); P_idle·Δ when idle. */
    static double computeEnergy(ModelCosts costs, int clock, double qc, double dt) {
        if (clock == IDLE) {
            return costs.idleW() * dt;
        }
        double busy = Math.min(dt, qc / costs.speed(clock));
        return costs.busyPowerW(clock) * busy + costs.idleW() * (dt - busy);
    }

    /** E_n(r) = P_tx(r)·min(Δ, Qn/r); 0 when nothing is sent. */
    static double radioEnergy(RadioModel radio, double r, double qn, double dt) {
        if (r <= 0 || qn <= 0) {
            return 0;
        }
        return radio.txPowerW(r) * Math.min(dt, qn / r);
    }

    /**
     * The cut term Qc·w_p/Δ² + Qn·s_p/(ρΔ)² + η·V·(e_c·w_p + e_n·s_p), where e_c is the energy of a
     * work-second at the most efficient clock and {@code joulesPerBit} = e_n the radio energy per
     * bit at the slot's best rate (the last part only when η > 0).
     */
    static double cutTerm(
            ModelCosts costs,
            int cut,
            QueueState s,
            double dt,
            double rho,
            double etaV,
            double joulesPerBit) {
        double rdt = rho * dt;
        double w = costs.headSecondsAtMax(cut);
        double bits = costs.bits(cut);
        double term =
                s.computeBacklogS() * w / (dt * dt) + s.uplinkBacklogBits() * bits / (rdt * rdt);
        if (etaV > 0) {
            term += etaV * (costs.joulesPerWorkSecond() * w + joulesPerBit * bits);
        }
        return term;
    }

    /**
     * e_n for the energy price of the cut term: P_tx(r̂)/r̂ at the highest candidate rate r̂, or at
     * the uplink reference rate ρ during an outage (no rate available).
     */
    static double joulesPerBit(
            ModelCosts costs, RadioModel radio, SlotInput in, ControllerConfig cfg) {
        double r = maxRate(costs, in, cfg);
        if (r <= 0) {
            r = cfg.uplinkReferenceBps();
        }
        return radio.txPowerW(r) / r;
    }

    /** The clock term (V + Y/Δ)·E_c(f) − (Qc + Zc)·μc(f)/Δ. */
    static double clockTerm(ModelCosts costs, int clock, QueueState s, double v, double dt) {
        double price = v + s.powerQueue() / dt;
        return price * computeEnergy(costs, clock, s.computeBacklogS(), dt)
                - (s.computeBacklogS() + s.computeDelayQueue()) * speed(costs, clock) / dt;
    }

    /**
     * Tie-break key of a clock when clock terms are equal (empty compute queues): the slope of the
     * clock term in Qc at 0, i.e. the clock the policy would pick for a tiny backlog.
     */
    static double clockSlope(ModelCosts costs, int clock, QueueState s, double v, double dt) {
        if (clock == IDLE) {
            return Double.POSITIVE_INFINITY;
        }
        double price = v + s.powerQueue() / dt;
        double mu = costs.speed(clock);
        return price * (costs.busyPowerW(clock) - costs.idleW()) / mu - mu / dt;
    }

    /** The rate term (V + Y/Δ)·E_n(r) − (Qn + Zn)·r/(ρ²Δ). */
    static double rateTerm(
            RadioModel radio, double r, QueueState s, double v, double dt, double rho) {
        double price = v + s.powerQueue() / dt;
        return price * radioEnergy(radio, r, s.uplinkBacklogBits(), dt)
                - (s.uplinkBacklogBits() + s.uplinkDelayQueue()) * r / (rho * rho * dt);
    }

    /** Tie-break key of a rate when rate terms are equal (empty uplink queues). */
    static double rateSlope(
            RadioModel radio, double r, QueueState s, double v, double dt, double rho) {
        if (r <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double price = v + s.powerQueue() / dt;
        return price * radio.txPowerW(r) / r - r / (rho * rho * dt);
    }

    /** The full objective J of a decision (for baselines and reports). */
    static double objective(
            ModelCosts costs,
            RadioModel radio,
            QueueState s,
            SlotInput in,
            ControllerConfig cfg,
            int admitted,
            int cut,
            int clock,
            double rate) {
        double dt = in.slotSeconds();
        double rho = cfg.uplinkReferenceBps();
        double etaV = cfg.cutEnergyWeight() * cfg.v();
        double jpb = etaV > 0 ? joulesPerBit(costs, radio, in, cfg) : 0;
        return admitted * (cutTerm(costs, cut, s, dt, rho, etaV, jpb) - cfg.v() * cfg.theta())
                + clockTerm(costs, clock, s, cfg.v(), dt)
                + rateTerm(radio, rate, s, cfg.v(), dt, rho);
    }

    /** Baseline admission: all admittable frames unless the predicted wait is too long. */
    static int baselineAdmission(
            ModelCosts costs,
            QueueState s,
            SlotInput in,
            ControllerConfig cfg,
            int clock,
            double r) {
        int a = admittable(in, cfg);
        if (a == 0) {
            return 0;
        }
        double wait = queueWait(costs, s, clock, r);
        return wait <= cfg.admissionMaxWaitSeconds() ? a : 0;
    }

    /** Qc/μc(f) + Qn/r (+inf if bits wait at rate 0). */
    static double queueWait(ModelCosts costs, QueueState s, int clock, double r) {
        double w = s.computeBacklogS() / costs.speed(clock);
        if (s.uplinkBacklogBits() > 0) {
            w += r > 0 ? s.uplinkBacklogBits() / r : Double.POSITIVE_INFINITY;
        }
        return w;
    }

    /** Builds the decision with its predictions and the queue update. */
    static ControlDecision decision(
            String policy,
            ModelCosts costs,
            DeviceProfile device,
            QueueState s,
            SlotInput in,
            ControllerConfig cfg,
            int admitted,
            int cut,
            int clock,
            int resumeClock,
            double rate,
            double objective) {
        double dt = in.slotSeconds();
        double mu = speed(costs, clock);
        double muResume = costs.speed(clock == IDLE ? resumeClock : clock);
        double w = costs.headSecondsAtMax(cut);
        double bits = costs.bits(cut);
        double qc = s.computeBacklogS();
        double qn = s.uplinkBacklogBits();
        double ec = computeEnergy(costs, clock, qc, dt);
        double en = radioEnergy(device.radio(), rate, qn, dt);
        double served = mu * dt;
        double sent = rate * dt;
        double rho = cfg.uplinkReferenceBps();
        QueueState after =
                new QueueState(
                        Math.max(qc - served, 0) + admitted * w,
                        Math.max(qn - sent, 0) + admitted * bits,
                        Math.max(s.powerQueue() + (ec + en) / dt - cfg.powerBudgetW(), 0),
                        Math.max(
                                s.computeDelayQueue() + (qc > 0 ? cfg.epsilon() * dt : 0) - served,
                                0),
                        Math.max(
                                s.uplinkDelayQueue()
                                        + (qn > 0 ? cfg.epsilon() * rho * dt : 0)
                                        - sent,
                                0));
        double transfer = bits == 0 ? 0 : rate > 0 ? bits / rate : Double.POSITIVE_INFINITY;
        return new ControlDecision(
                policy,
                admitted,
                cut,
                clock == IDLE ? 0 : costs.clockHz(clock),
                rate,
                w / muResume,
                transfer,
                costs.tailSeconds(cut),
                clock == IDLE
                        ? dt + queueWait(costs, s, resumeClock, rate)
                        : queueWait(costs, s, clock, rate),
                ec,
                en,
                objective,
                after);
    }

    /** Fails when the costs were built for another device than the one passed. */
    static void checkDevice(ModelCosts costs, DeviceProfile device) {
        if (costs.device() != device && !costs.device().equals(device)) {
            throw new IllegalArgumentException(
                    "model costs were built for device '"
                            + costs.device().name()
                            + "' but the policy was called for '"
                            + device.name()
                            + "': build ModelCosts.of(model, device, edge) per device type");
        }
    }
}
