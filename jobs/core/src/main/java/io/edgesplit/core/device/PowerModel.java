package io.edgesplit.core.device;

import java.util.List;

/**
 * Device power while the GPU is busy at a clock. Two forms: a fitted cubic {@code P0 + κ·f³} and a
 * measured table with one value per clock of the profile's clock table.
 */
public sealed interface PowerModel extends java.io.Serializable
        permits PowerModel.Cubic, PowerModel.Table {

    /**
     * Busy power in watts at the clock with this index of the profile's clock table.
     *
     * @param clockIndex index into the clock table
     * @param clockHz the clock itself
     */
    double busyPowerW(int clockIndex, long clockHz);

    /** Checks the model against the clock table it belongs to. */
    void validateFor(List<Long> clocksHz);

    /**
     * {@code P(f) = p0W + kappaWPerGHz3·(f / 1 GHz)³}.
     *
     * @param p0W clock-independent part of the busy power (W)
     * @param kappaWPerGHz3 cubic coefficient (W per GHz³)
     */
    record Cubic(double p0W, double kappaWPerGHz3) implements PowerModel {
        public Cubic {
            if (!(p0W >= 0) || Double.isInfinite(p0W)) {
                throw new IllegalArgumentException("p0W must be a finite number >= 0, got " + p0W);
            }
            if (!(kappaWPerGHz3 >= 0) || Double.isInfinite(kappaWPerGHz3)) {
                throw new IllegalArgumentException(
                        "kappaWPerGHz3 must be a finite number >= 0, got " + kappaWPerGHz3);
            }
        }

        /**
         * The cubic through {@code p0W} that reaches {@code maxW} at {@code maxClockHz}: how the
         * built-in profiles were fitted to the boards' power envelopes.
         */
        public static Cubic fit(double p0W, double maxW, long maxClockHz) {
            double g = maxClockHz / 1e9;
            return new Cubic(p0W, (maxW - p0W) / (g * g * g));
        }

        @Override
        public double busyPowerW(int clockIndex, long clockHz) {
            double g = clockHz / 1e9;
            return p0W + kappaWPerGHz3 * g * g * g;
        }

        @Override
        public void validateFor(List<Long> clocksHz) {}
    }

    /**
     * Measured busy power per clock.
     *
     * @param watts one value per clock, in the order of the clock table
     */
    record Table(List<Double> watts) implements PowerModel {
        public Table {
            watts = List.copyOf(watts);
            for (int i = 0; i < watts.size(); i++) {
                double w = watts.get(i);
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException(
                            "tableW[" + i + "] must be a finite number > 0, got " + w);
                }
            }
        }

        @Override
        public double busyPowerW(int clockIndex, long clockHz) {
            return watts.get(clockIndex);
        }

        @Override
        public void validateFor(List<Long> clocksHz) {
            if (watts.size() != clocksHz.size()) {
                throw new IllegalArgumentException(
                        "tableW has "
                                + watts.size()
                                + " values but clocksHz has "
                                + clocksHz.size()
                                + ": give one power per clock");
            }
        }
    }
}
