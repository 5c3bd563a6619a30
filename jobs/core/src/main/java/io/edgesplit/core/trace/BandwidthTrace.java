package io.edgesplit.core.trace;

import java.util.Arrays;

/**
 * Uplink capacity over time: a piecewise-constant function of time (bit/s) that loops with period
 * {@link #durationSeconds()}. Every reader and generator produces one of these; the simulator and
 * the replay tools only ever ask it for {@link #capacityAt(double)} or {@link
 * #averageCapacity(double, double)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BandwidthTrace {

    private final String name;
    private final double[] starts;
    private final double[] bps;
    private final double duration;
    private final double[] cumBits;

    private BandwidthTrace(String name, double[] starts, double[] bps, double duration) {
        this.name = name;
        this.starts = starts;
        this.bps = bps;
        this.duration = duration;
        this.cumBits = new double[starts.length + 1];
        for (int i = 0; i < starts.length; i++) {
            double end = i + 1 < starts.length ? starts[i + 1] : duration;
            cumBits[i + 1] = cumBits[i] + (end - starts[i]) * bps[i];
        }
    }

    /**
     * A trace from steps: capacity {@code bps[i]} from {@code startSeconds[i]} until the next start
     * (the last step lasts until {@code durationSeconds}), then it loops.
     *
     * @param name shown in reports (file name or generator)
     * @param startSeconds step starts, strictly ascending, the first one 0
     * @param bps capacity of each step (bit/s), finite and {@code >= 0}
     * @param durationSeconds loop period, greater than the last start
     */
    public static BandwidthTrace of(
            String name, double[] startSeconds, double[] bps, double durationSeconds) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a bandwidth trace needs a name");
        }
        if (startSeconds.length == 0 || startSeconds.length != bps.length) {
            throw new IllegalArgumentException(
                    "trace "
                            + name
                            + ": needs at least one step and as many starts as rates, got "
                            + startSeconds.length
                            + " starts and "
                            + bps.length
                            + " rates");
        }
        if (startSeconds[0] != 0) {
            throw new IllegalArgumentException(
                    "trace " + name + ": the first step must start at 0 s");
        }
        for (int i = 0; i < startSeconds.length; i++) {
            if (i > 0 && !(startSeconds[i] > startSeconds[i - 1])) {
                throw new IllegalArgumentException(
                        "trace "
                                + name
                                + ": step starts must be strictly ascending, got "
                                + startSeconds[i]
                                + " s after "
                                + startSeconds[i - 1]
                                + " s");
            }
            if (!(bps[i] >= 0) || Double.isInfinite(bps[i])) {
                throw new IllegalArgumentException(
                        "trace "
                                + name
                                + ": capacity must be a finite number >= 0, got "
                                + bps[i]
                                + " at "
                                + startSeconds[i]
                                + " s");
            }
        }
        if (!(durationSeconds > startSeconds[startSeconds.length - 1])
                || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException(
                    "trace "
                            + name
                            + ": duration "
                            + durationSeconds
                            + " s must be finite and after the last step start "
                            + startSeconds[startSeconds.length - 1]
                            + " s");
        }
        return new BandwidthTrace(name, startSeconds.clone(), bps.clone(), durationSeconds);
    }

    /** A constant capacity. */
    public static BandwidthTrace constant(String name, double bps) {
        return of(name, new double[] {0}, new double[] {bps}, 1.0);
    }

    public String name() {
        return name;
    }

    /** Loop period (s). */
    public double durationSeconds() {
        return duration;
    }

    /** Number of steps. */
    public int stepCount() {
        return starts.length;
    }

    /** Start of step i (s). */
    public double stepStart(int i) {
        return starts[i];
    }

    /** Capacity of step i (bit/s). */
    public double stepBps(int i) {
        return bps[i];
    }

    /** Capacity at time {@code seconds} (any real time; the trace loops). */
    public double capacityAt(double seconds) {
        double t = wrap(seconds);
        return bps[stepIndex(t)];
    }

    /**
     * Mean capacity over {@code [fromSeconds, fromSeconds + lengthSeconds)}: what an uplink can
     * carry in that window divided by its length. {@code lengthSeconds} must be {@code > 0}.
     */
    public double averageCapacity(double fromSeconds, double lengthSeconds) {
        if (!(lengthSeconds > 0)) {
            throw new IllegalArgumentException("window length must be > 0 s, got " + lengthSeconds);
        }
        return (cumulativeBits(fromSeconds + lengthSeconds) - cumulativeBits(fromSeconds))
                / lengthSeconds;
    }

    /** Mean capacity over one loop (bit/s). */
    public double meanCapacity() {
        return cumBits[starts.length] / duration;
    }

    /** Lowest step capacity (bit/s). */
    public double minCapacity() {
        return Arrays.stream(bps).min().orElse(0);
    }

    /** Highest step capacity (bit/s). */
    public double maxCapacity() {
        return Arrays.stream(bps).max().orElse(0);
    }

    /** The same trace with every capacity multiplied by {@code factor} ({@code >= 0}). */
    public BandwidthTrace scaled(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "trace scale factor must be a finite number >= 0, got " + factor);
        }
        double[] b = bps.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] *= factor;
        }
        return new BandwidthTrace(name + " x" + factor, starts, b, duration);
    }

    private double cumulativeBits(double seconds) {
        double loops = Math.floor(seconds / duration);
        double t = seconds - loops * duration;
        if (t >= duration) {
            t = 0;
            loops += 1;
        }
        int i = stepIndex(t);
        return loops * cumBits[starts.length] + cumBits[i] + (t - starts[i]) * bps[i];
    }

    private double wrap(double seconds) {
        double t = seconds - Math.floor(seconds / duration) * duration;
        return t >= duration ? 0 : t;
    }

    private int stepIndex(double t) {
        int i = Arrays.binarySearch(starts, t);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%s (%d steps, %.0f s, mean %.3f Mbit/s)",
                name,
                starts.length,
                duration,
                meanCapacity() / 1e6);
    }
}
