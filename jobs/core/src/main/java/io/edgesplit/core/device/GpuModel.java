package io.edgesplit.core.device;

import java.util.List;
import java.util.Objects;

/**
 * The device's GPU: DVFS clock table, busy power per clock, idle power and how head latency scales
 * with the clock.
 *
 * <p>Latency at clock f: {@code c(f) = c(fmax)·(δ·fmax/f + 1 − δ)}, with δ the compute-bound
 * fraction (the rest is memory-bound and does not speed up with the GPU clock). The speed relative
 * to the maximum clock is therefore {@code μ(f) = 1 / (δ·fmax/f + 1 − δ)}.
 *
 * @param clocksHz available GPU clocks in Hz, strictly ascending
 * @param power busy power per clock
 * @param idleW power when the GPU has nothing to do (charged for the idle part of every slot)
 * @param computeBoundFraction δ in [0, 1]
 * @param macsPerSecondAtMax effective multiply-accumulates per second at the maximum clock, used
 *     when a model profile has no head latency measured on this device
 */
public record GpuModel(
        List<Long> clocksHz,
        PowerModel power,
        double idleW,
        double computeBoundFraction,
        double macsPerSecondAtMax)
        implements java.io.Serializable {

    public GpuModel {
        clocksHz = List.copyOf(clocksHz);
        Objects.requireNonNull(power, "power");
        if (clocksHz.isEmpty()) {
            throw new IllegalArgumentException("clocksHz must list at least one clock");
        }
        for (int i = 0; i < clocksHz.size(); i++) {
            long c = clocksHz.get(i);
            if (c <= 0) {
                throw new IllegalArgumentException("clocksHz[" + i + "] must be > 0, got " + c);
            }
            if (i > 0 && c <= clocksHz.get(i - 1)) {
                throw new IllegalArgumentException(
                        "clocksHz must be strictly ascending, got "
                                + c
                                + " after "
                                + clocksHz.get(i - 1));
            }
        }
        if (!(idleW >= 0) || Double.isInfinite(idleW)) {
            throw new IllegalArgumentException("idleW must be a finite number >= 0, got " + idleW);
        }
        if (!(computeBoundFraction >= 0 && computeBoundFraction <= 1)) {
            throw new IllegalArgumentException(
                    "computeBoundFraction must be in [0, 1], got " + computeBoundFraction);
        }
        if (!(macsPerSecondAtMax > 0) || Double.isInfinite(macsPerSecondAtMax)) {
            throw new IllegalArgumentException(
                    "macsPerSecondAtMax must be a finite number > 0, got " + macsPerSecondAtMax);
        }
        try {
            power.validateFor(clocksHz);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("power." + e.getMessage(), e);
        }
        for (int i = 0; i < clocksHz.size(); i++) {
            double p = power.busyPowerW(i, clocksHz.get(i));
            if (p < idleW) {
                throw new IllegalArgumentException(
                        "power: busy power at "
                                + clocksHz.get(i)
                                + " Hz is "
                                + p
                                + " W, below idleW "
                                + idleW
                                + " W: busy power must be at least the idle power");
            }
        }
    }

    /** Number of clocks. */
    public int clockCount() {
        return clocksHz.size();
    }

    /** The highest clock. */
    public long maxClockHz() {
        return clocksHz.get(clocksHz.size() - 1);
    }

    /** Index of this exact clock in the table, or -1. */
    public int indexOf(long clockHz) {
        return clocksHz.indexOf(clockHz);
    }

    /** Busy power at the clock with this index (W). */
    public double busyPowerW(int clockIndex) {
        return power.busyPowerW(clockIndex, clocksHz.get(clockIndex));
    }

    /** {@code δ·fmax/f + 1 − δ}: how much longer work takes at {@code clockHz} than at fmax. */
    public double slowdownAt(long clockHz) {
        double d = computeBoundFraction;
        return d * (double) maxClockHz() / clockHz + 1 - d;
    }

    /** μ(f): speed at {@code clockHz} relative to the maximum clock, in (0, 1]. */
    public double speedAt(long clockHz) {
        return 1.0 / slowdownAt(clockHz);
    }
}
