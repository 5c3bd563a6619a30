package io.edgesplit.core.trace;

import java.util.SplittableRandom;

/**
 * Seeded synthetic uplink traces: constant, step, Gilbert-Elliott (two-state Markov) and a bounded
 * random walk. Same arguments, same trace.
 */
public final class SyntheticTraces {

    private SyntheticTraces() {}

    /** A constant capacity. */
    public static BandwidthTrace constant(double bps) {
        positive(bps, "constant capacity");
        return BandwidthTrace.constant("constant " + mbps(bps), bps);
    }

    /**
     * Steps of given capacities and durations, looping.
     *
     * @param bps capacity of each step (bit/s)
     * @param seconds duration of each step (s)
     */
    public static BandwidthTrace step(double[] bps, double[] seconds) {
        if (bps.length == 0 || bps.length != seconds.length) {
            throw new IllegalArgumentException(
                    "step trace: give as many durations as rates (at least one)");
        }
        double[] starts = new double[bps.length];
        double t = 0;
        StringBuilder name = new StringBuilder("step");
        for (int i = 0; i < bps.length; i++) {
            if (!(seconds[i] > 0)) {
                throw new IllegalArgumentException(
                        "step trace: step " + i + " must last > 0 s, got " + seconds[i]);
            }
            starts[i] = t;
            t += seconds[i];
            name.append(i == 0 ? " " : ",").append(mbps(bps[i])).append('@').append(seconds[i]);
        }
        return BandwidthTrace.of(name.toString(), starts, bps, t);
    }

    /**
     * A Gilbert-Elliott channel: a two-state Markov chain stepped every {@code stepSeconds}, good
     * state {@code goodBps}, bad state {@code badBps}. Starts in the good state. Mean sojourn is
     * {@code stepSeconds/pGoodToBad} in good and {@code stepSeconds/pBadToGood} in bad.
     */
    public static BandwidthTrace gilbertElliott(
            double goodBps,
            double badBps,
            double pGoodToBad,
            double pBadToGood,
            double stepSeconds,
            double durationSeconds,
            long seed) {
        nonNegative(goodBps, "good capacity");
        nonNegative(badBps, "bad capacity");
        probability(pGoodToBad, "pGoodToBad");
        probability(pBadToGood, "pBadToGood");
        int n = steps(stepSeconds, durationSeconds);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] starts = new double[n];
        double[] bps = new double[n];
        boolean good = true;
        for (int i = 0; i < n; i++) {
            starts[i] = i * stepSeconds;
            bps[i] = good ? goodBps : badBps;
            double u = rnd.nextDouble();
            good = good ? u >= pGoodToBad : u < pBadToGood;
        }
        return merged(
                String.format(
                        java.util.Locale.ROOT,
                        "gilbert-elliott good %s bad %s p %.3g/%.3g seed %d",
                        mbps(goodBps),
                        mbps(badBps),
                        pGoodToBad,
                        pBadToGood,
                        seed),
                starts,
                bps,
                n * stepSeconds);
    }

    /**
     * A random walk: every {@code stepSeconds} the capacity moves by a normal step of standard
     * deviation {@code sigmaBps}, reflected into {@code [minBps, maxBps]}.
     */
    public static BandwidthTrace randomWalk(
            double startBps,
            double sigmaBps,
            double minBps,
            double maxBps,
            double stepSeconds,
            double durationSeconds,
            long seed) {
        nonNegative(minBps, "min capacity");
        if (!(maxBps >= minBps) || Double.isInfinite(maxBps)) {
            throw new IllegalArgumentException(
                    "random walk: max " + maxBps + " must be finite and >= min " + minBps);
        }
        if (!(startBps >= minBps && startBps <= maxBps)) {
            throw new IllegalArgumentException(
                    "random walk: start "
                            + startBps
                            + " must lie in ["
                            + minBps
                            + ", "
                            + maxBps
                            + "]");
        }
        nonNegative(sigmaBps, "sigma");
        int n = steps(stepSeconds, durationSeconds);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] starts = new double[n];
        double[] bps = new double[n];
        double x = startBps;
        double span = maxBps - minBps;
        for (int i = 0; i < n; i++) {
            starts[i] = i * stepSeconds;
            bps[i] = x;
            x += sigmaBps * gaussian(rnd);
            if (span == 0) {
                x = minBps;
            } else {
                double period = 2 * span;
                double y = (x - minBps) % period;
                if (y < 0) {
                    y += period;
                }
                x = minBps + (y <= span ? y : period - y);
            }
        }
        return merged(
                String.format(
                        java.util.Locale.ROOT,
                        "random-walk start %s sigma %s in [%s, %s] seed %d",
                        mbps(startBps),
                        mbps(sigmaBps),
                        mbps(minBps),
                        mbps(maxBps),
                        seed),
                starts,
                bps,
                n * stepSeconds);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static BandwidthTrace merged(
            String name, double[] starts, double[] bps, double duration) {
        int m = 0;
        double[] s = new double[starts.length];
        double[] b = new double[bps.length];
        for (int i = 0; i < starts.length; i++) {
            if (m == 0 || b[m - 1] != bps[i]) {
                s[m] = starts[i];
                b[m] = bps[i];
                m++;
            }
        }
        return BandwidthTrace.of(
                name, java.util.Arrays.copyOf(s, m), java.util.Arrays.copyOf(b, m), duration);
    }

    private static int steps(double stepSeconds, double durationSeconds) {
        if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
            throw new IllegalArgumentException(
                    "step must be a finite number of seconds > 0, got " + stepSeconds);
        }
        if (!(durationSeconds >= stepSeconds) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException(
                    "duration must be finite and at least one step ("
                            + stepSeconds
                            + " s), got "
                            + durationSeconds);
        }
        long n = Math.round(durationSeconds / stepSeconds);
        if (n > 50_000_000) {
            throw new IllegalArgumentException(
                    "trace would have " + n + " steps: use a longer step or a shorter duration");
        }
        return (int) n;
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + v);
        }
    }

    private static void nonNegative(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
        }
    }

    private static void probability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
        }
    }

    static String mbps(double bps) {
        return String.format(java.util.Locale.ROOT, "%.3gMbit/s", bps / 1e6);
    }
}
