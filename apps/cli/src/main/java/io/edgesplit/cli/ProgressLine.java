package io.edgesplit.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A progress line on stderr: redrawn in place about four times a second on a terminal, printed as a
 * new line every {@value #PLAIN_INTERVAL_SECONDS} s otherwise (logs, pipes, tests).
 */
final class ProgressLine {

    static final int PLAIN_INTERVAL_SECONDS = 5;

    private static final long TTY_INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int lastLength;

    ProgressLine(PrintWriter err) {
        this(err, System.console() != null);
    }

    ProgressLine(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    /** Seconds since the start. */
    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Prints {@code line} if the last print is long enough ago (the supplier runs only then). */
    void update(Supplier<String> line) {
        long now = System.nanoTime();
        long interval = tty ? TTY_INTERVAL_NANOS : PLAIN_INTERVAL_SECONDS * 1_000_000_000L;
        if (now - lastPrint >= interval) {
            lastPrint = now;
            print(line.get());
        }
    }

    /** Prints the last state and ends the line. */
    void finish(String line) {
        print(line);
        if (tty) {
            err.println();
        }
        err.flush();
    }

    private void print(String line) {
        if (tty) {
            String pad = " ".repeat(Math.max(0, lastLength - line.length()));
            err.print("\r" + line + pad);
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** {@code [#####.....]} for a fraction in [0, 1]. */
    static String bar(double fraction, int width) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(f * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 12.3 MB} (decimal units). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 1.5 s}, {@code 2 min 3 s}, {@code 250 ms}. */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1e3);
        }
        long s = Math.round(ms / 1e3);
        return s / 60 + " min " + s % 60 + " s";
    }

    /** Events per second over {@code seconds}. */
    static String rate(long n, double seconds) {
        return String.format(Locale.ROOT, "%,.0f", seconds > 0 ? n / seconds : 0.0);
    }
}
