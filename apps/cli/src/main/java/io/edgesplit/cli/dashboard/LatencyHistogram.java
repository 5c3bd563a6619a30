package io.edgesplit.cli.dashboard;

import java.util.Arrays;

/**
 * Counts of latencies in logarithmic bins, 5 % wide, from {@value #MIN_MS} ms to about 10^6 ms: an
 * update is one array increment, a percentile a scan of the bins. Percentiles are accurate to half
 * a bin (about 2.5 %); values below {@value #MIN_MS} ms count as 0. Not thread-safe.
 */
final class LatencyHistogram {

    static final double MIN_MS = 0.01;
    static final double RATIO = 1.05;
    private static final double LOG_RATIO = Math.log(RATIO);

    /** Bin 0 holds [0, MIN_MS); bin i >= 1 holds [MIN_MS * RATIO^(i-1), MIN_MS * RATIO^i). */
    static final int BINS = 1 + (int) Math.ceil(Math.log(1e6 / MIN_MS) / LOG_RATIO);

    private final long[] counts = new long[BINS];
    private long total;

    void add(double ms) {
        if (!(ms >= 0)) {
            return; // NaN or negative: not a latency
        }
        counts[bin(ms)]++;
        total++;
    }

    static int bin(double ms) {
        if (ms < MIN_MS) {
            return 0;
        }
        int i = 1 + (int) Math.floor(Math.log(ms / MIN_MS) / LOG_RATIO);
        return Math.min(BINS - 1, i);
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < BINS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    long total() {
        return total;
    }

    /**
     * The p-th percentile (0 < p <= 100) in ms: the geometric middle of the bin that holds the
     * ceil(p/100 * n)-th smallest value, 0 for the lowest bin, NaN when empty.
     */
    double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == 0 ? 0.0 : MIN_MS * Math.pow(RATIO, i - 0.5);
            }
        }
        return MIN_MS * Math.pow(RATIO, BINS - 1.5);
    }
}
