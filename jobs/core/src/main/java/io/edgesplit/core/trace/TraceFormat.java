package io.edgesplit.core.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The public bandwidth-trace formats edgesplit reads. Every format becomes a looping {@link
 * BandwidthTrace}; a malformed line fails with the file and line number.
 *
 * <p>Blank lines are ignored everywhere; lines starting with {@code #} are ignored in the
 * whitespace formats.
 */
public enum TraceFormat {
    /**
     * Norway HSDPA 3G (Riiser et al.): {@code unix_s mono_ms lat lon bytes_since_prev
     * ms_since_prev}. Each line is a step of {@code ms_since_prev} ms at {@code
     * bytes_since_prev·8000/ms_since_prev} bit/s; steps follow each other (gaps between log lines
     * are not kept); lines with {@code ms_since_prev = 0} carry no interval and are skipped.
     */
    NORWAY_HSDPA("norway"),
    /** Belgium 4G/LTE: the same six columns as Norway, the first one in epoch milliseconds. */
    BELGIUM_4G("belgium"),
    /**
     * Mahimahi: one line per 1500-byte delivery opportunity, its millisecond timestamp from the
     * start; the trace loops after the last timestamp. Opportunities are counted in {@value
     * #MAHIMAHI_BIN_MS} ms bins.
     */
    MAHIMAHI("mahimahi"),
    /** Pensieve "cooked": {@code time_s throughput_Mbit/s}; each sample lasts until the next. */
    PENSIEVE_COOKED("pensieve"),
    /**
     * FCC Measuring Broadband America web-get CSV: column 6 (0-based, {@code bytes_sec}) is the
     * throughput in bytes/s. The samples of one unit are hours apart, so, like the cooked traces
     * built from this data set, rows are concatenated in file order, each held for {@value
     * #FCC_SAMPLE_SECONDS} s. A header line is skipped.
     */
    FCC_WEBGET("fcc"),
    /**
     * UCC 4G/5G (G-NetTrack) CSV with a header naming {@code UL_bitrate} (kbit/s, "-" when
     * missing): the one public data set with uplink rates. Rows are 1 s samples; a missing value
     * repeats the previous one (leading missing values take the first present one).
     */
    UCC_GNETTRACK("ucc");

    /** Bin width used to turn Mahimahi delivery opportunities into a rate. */
    public static final int MAHIMAHI_BIN_MS = 100;

    /** How long one FCC web-get row lasts in the trace. */
    public static final int FCC_SAMPLE_SECONDS = 5;

    private static final Pattern WS = Pattern.compile("\\s+");
    private static final double MAHIMAHI_PACKET_BITS = 1500 * 8;

    private final String cliName;

    TraceFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in scenario files ({@code --trace-format}). */
    public String cliName() {
        return cliName;
    }

    /** Names accepted by {@link #fromName(String)}. */
    public static List<String> names() {
        return Arrays.stream(values()).map(TraceFormat::cliName).collect(Collectors.toList());
    }

    /**
     * Parses a format name ("norway", "ucc", or the enum name); {@code auto} or null gives null
     * (detect from content).
     */
    public static TraceFormat fromName(String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TraceFormat f : values()) {
            if (f.cliName.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown trace format '"
                        + name
                        + "': use auto or one of "
                        + String.join(", ", names()));
    }

    /** Reads a trace file in this format. */
    public BandwidthTrace parse(Path file) {
        return parse(readLines(file), file.toString());
    }

    /**
     * Parses trace lines in this format.
     *
     * @param lines the file's lines
     * @param origin file name for the trace's name and error messages
     */
    public BandwidthTrace parse(List<String> lines, String origin) {
        Steps steps = new Steps(origin);
        switch (this) {
            case NORWAY_HSDPA, BELGIUM_4G -> parseSixColumns(lines, origin, steps);
            case MAHIMAHI -> {
                return parseMahimahi(lines, origin);
            }
            case PENSIEVE_COOKED -> parseCooked(lines, origin, steps);
            case FCC_WEBGET -> parseFcc(lines, origin, steps);
            case UCC_GNETTRACK -> parseUcc(lines, origin, steps);
            default -> throw new IllegalStateException("unhandled format " + this);
        }
        return steps.build(origin + " (" + cliName + ")");
    }

    /** Reads a trace file, detecting its format from its content. */
    public static BandwidthTrace read(Path file) {
        List<String> lines = readLines(file);
        return detect(lines, file.toString()).parse(lines, file.toString());
    }

    /** Reads a trace file in {@code format}, or detects the format when it is null. */
    public static BandwidthTrace read(Path file, TraceFormat format) {
        List<String> lines = readLines(file);
        TraceFormat f = format == null ? detect(lines, file.toString()) : format;
        return f.parse(lines, file.toString());
    }

    /**
     * Tells the format from the first non-blank line: a CSV header with {@code UL_bitrate} is UCC,
     * other CSV with at least 7 columns is FCC; whitespace columns: 1 is Mahimahi, 2 is
     * Pensieve-cooked, 6 is Norway (first column in seconds) or Belgium (epoch milliseconds).
     */
    public static TraceFormat detect(List<String> lines, String origin) {
        String first = null;
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                first = t;
                break;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("trace " + origin + " is empty");
        }
        if (first.contains(",")) {
            if (first.contains("UL_bitrate")) {
                return UCC_GNETTRACK;
            }
            if (first.split(",", -1).length >= 7) {
                return FCC_WEBGET;
            }
        } else {
            String[] cols = WS.split(first);
            boolean numeric = Arrays.stream(cols).allMatch(TraceFormat::isNumber);
            if (numeric && cols.length == 1) {
                return MAHIMAHI;
            }
            if (numeric && cols.length == 2) {
                return PENSIEVE_COOKED;
            }
            if (numeric && cols.length == 6) {
                return Double.parseDouble(cols[0]) >= 1e11 ? BELGIUM_4G : NORWAY_HSDPA;
            }
        }
        String shown = first.length() > 60 ? first.substring(0, 60) + "..." : first;
        throw new IllegalArgumentException(
                "cannot tell the format of trace "
                        + origin
                        + " from its first line '"
                        + shown
                        + "': pass the format explicitly (--trace-format "
                        + String.join("|", names())
                        + ")");
    }

    private static void parseSixColumns(List<String> lines, String origin, Steps steps) {
        double t = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] c = WS.split(l);
            if (c.length != 6) {
                throw lineError(
                        origin,
                        i,
                        "expected 6 columns (time mono_ms lat lon bytes_since_prev"
                                + " ms_since_prev), got "
                                + c.length);
            }
            for (int k = 0; k < 6; k++) {
                number(c[k], origin, i, "column " + (k + 1));
            }
            double bytes = number(c[4], origin, i, "bytes_since_prev");
            double ms = number(c[5], origin, i, "ms_since_prev");
            if (bytes < 0 || ms < 0) {
                throw lineError(origin, i, "bytes_since_prev and ms_since_prev must be >= 0");
            }
            if (ms == 0) {
                continue;
            }
            steps.add(t, bytes * 8.0 / (ms / 1000.0), origin, i);
            t += ms / 1000.0;
        }
        steps.end(t);
    }

    private static BandwidthTrace parseMahimahi(List<String> lines, String origin) {
        List<Long> stamps = new ArrayList<>();
        long prev = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            long ms;
            try {
                ms = Long.parseLong(l);
            } catch (NumberFormatException e) {
                throw lineError(
                        origin, i, "expected one whole millisecond timestamp, got '" + l + "'");
            }
            if (ms < 0 || ms < prev) {
                throw lineError(
                        origin,
                        i,
                        "timestamps must be non-negative and non-decreasing, got "
                                + ms
                                + " after "
                                + prev);
            }
            prev = ms;
            stamps.add(ms);
        }
        if (stamps.isEmpty()) {
            throw new IllegalArgumentException("trace " + origin + " has no timestamps");
        }
        long period = stamps.get(stamps.size() - 1);
        if (period <= 0) {
            throw new IllegalArgumentException(
                    "trace " + origin + ": the last timestamp must be > 0 ms (the loop period)");
        }
        int bins = (int) ((period + MAHIMAHI_BIN_MS - 1) / MAHIMAHI_BIN_MS);
        double[] packets = new double[bins];
        for (long ms : stamps) {
            packets[(int) Math.min(bins - 1, ms / MAHIMAHI_BIN_MS)]++;
        }
        double[] starts = new double[bins];
        double[] bps = new double[bins];
        for (int b = 0; b < bins; b++) {
            starts[b] = b * MAHIMAHI_BIN_MS / 1000.0;
            double lenMs = Math.min(MAHIMAHI_BIN_MS, period - (long) b * MAHIMAHI_BIN_MS);
            bps[b] = packets[b] * MAHIMAHI_PACKET_BITS / (lenMs / 1000.0);
        }
        return BandwidthTrace.of(origin + " (mahimahi)", starts, bps, period / 1000.0);
    }

    private static void parseCooked(List<String> lines, String origin, Steps steps) {
        double first = Double.NaN;
        double prev = Double.NaN;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] c = WS.split(l);
            if (c.length != 2) {
                throw lineError(
                        origin,
                        i,
                        "expected 2 columns (time_s throughput_Mbit/s), got " + c.length);
            }
            double t = number(c[0], origin, i, "time_s");
            double mbps = number(c[1], origin, i, "throughput_Mbit/s");
            if (mbps < 0) {
                throw lineError(origin, i, "throughput must be >= 0, got " + mbps);
            }
            if (Double.isNaN(first)) {
                first = t;
            } else if (!(t > prev)) {
                throw lineError(
                        origin, i, "time must increase, got " + t + " s after " + prev + " s");
            }
            steps.add(t - first, mbps * 1e6, origin, i);
            prev = t;
        }
        steps.endWithLastGap();
    }

    private static void parseFcc(List<String> lines, String origin, Steps steps) {
        double t = 0;
        boolean sawData = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] c = l.split(",", -1);
            if (c.length < 7) {
                throw lineError(
                        origin,
                        i,
                        "expected at least 7 comma-separated columns (bytes_sec is column 6),"
                                + " got "
                                + c.length);
            }
            String v = unquote(c[6]);
            if (!sawData && !isNumber(v)) {
                sawData = true;
                continue;
            }
            sawData = true;
            double bytesPerSec = number(v, origin, i, "bytes_sec (column 6)");
            if (bytesPerSec < 0) {
                throw lineError(origin, i, "bytes_sec must be >= 0, got " + bytesPerSec);
            }
            steps.add(t, bytesPerSec * 8, origin, i);
            t += FCC_SAMPLE_SECONDS;
        }
        steps.end(t);
    }

    private static void parseUcc(List<String> lines, String origin, Steps steps) {
        int col = -1;
        int columns = 0;
        List<Integer> pendingMissing = new ArrayList<>();
        double last = Double.NaN;
        double t = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] c = l.split(",", -1);
            if (col < 0) {
                for (int k = 0; k < c.length; k++) {
                    if (unquote(c[k]).equals("UL_bitrate")) {
                        col = k;
                    }
                }
                if (col < 0) {
                    throw lineError(origin, i, "expected a header with a UL_bitrate column first");
                }
                columns = c.length;
                continue;
            }
            if (c.length <= col) {
                throw lineError(
                        origin,
                        i,
                        "expected "
                                + columns
                                + " columns (UL_bitrate is column "
                                + col
                                + "), got "
                                + c.length);
            }
            String v = unquote(c[col]);
            if (v.equals("-") || v.isEmpty()) {
                if (Double.isNaN(last)) {
                    pendingMissing.add(i);
                } else {
                    steps.add(t, last, origin, i);
                }
            } else {
                double kbps = number(v, origin, i, "UL_bitrate");
                if (kbps < 0) {
                    throw lineError(origin, i, "UL_bitrate must be >= 0, got " + kbps);
                }
                if (Double.isNaN(last)) {
                    for (int m = 0; m < pendingMissing.size(); m++) {
                        steps.add(m, kbps * 1e3, origin, pendingMissing.get(m));
                    }
                    t = pendingMissing.size();
                }
                last = kbps * 1e3;
                steps.add(t, last, origin, i);
            }
            t += 1;
        }
        if (col >= 0 && Double.isNaN(last) && !pendingMissing.isEmpty()) {
            throw new IllegalArgumentException(
                    "trace " + origin + ": every UL_bitrate value is missing ('-')");
        }
        steps.end(t);
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String s, String origin, int line, String what) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException(s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw lineError(origin, line, what + ": '" + s + "' is not a number");
        }
    }

    static IllegalArgumentException lineError(String origin, int index, String problem) {
        return new IllegalArgumentException(
                "trace " + origin + " line " + (index + 1) + ": " + problem);
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trace " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
        }
    }

    /** Collects steps, merging equal consecutive rates. */
    private static final class Steps {
        private final String origin;
        private final List<double[]> steps = new ArrayList<>();
        private double end = Double.NaN;

        Steps(String origin) {
            this.origin = origin;
        }

        void add(double start, double bps, String origin, int line) {
            if (!steps.isEmpty() && start <= steps.get(steps.size() - 1)[0]) {
                throw lineError(origin, line, "samples out of order");
            }
            steps.add(new double[] {start, bps});
        }

        void end(double endSeconds) {
            this.end = endSeconds;
        }

        void endWithLastGap() {
            int n = steps.size();
            if (n == 0) {
                end = 0;
            } else if (n == 1) {
                end = steps.get(0)[0] + 1.0;
            } else {
                end = 2 * steps.get(n - 1)[0] - steps.get(n - 2)[0];
            }
        }

        BandwidthTrace build(String name) {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("trace " + origin + " has no samples");
            }
            List<double[]> merged = new ArrayList<>();
            for (double[] s : steps) {
                if (merged.isEmpty() || merged.get(merged.size() - 1)[1] != s[1]) {
                    merged.add(s);
                }
            }
            double[] starts = new double[merged.size()];
            double[] bps = new double[merged.size()];
            double shift = merged.get(0)[0];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = merged.get(i)[0] - shift;
                bps[i] = merged.get(i)[1];
            }
            return BandwidthTrace.of(name, starts, bps, end - shift);
        }
    }
}
