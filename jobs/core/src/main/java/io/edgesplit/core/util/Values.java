package io.edgesplit.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the numbers users type: plain doubles, {@code inf}/{@code none} for "no limit", and the SI
 * suffixes k, M, G (so {@code 10M} is 1e7, handy for bit rates). Every failure is one line that
 * names the value and what was expected.
 */
public final class Values {

    private Values() {}

    /**
     * Parses a number with an optional k/M/G suffix; {@code inf}, {@code infinity}, {@code none}
     * and {@code unlimited} mean positive infinity.
     *
     * @param text the text to parse
     * @param what what the number is, used in the error message (e.g. "edgesplit.controller.v")
     */
    public static double parseDouble(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + ": expected a number, got nothing");
        }
        String t = text.trim().replace("_", "");
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", ".inf", "infinity", "+infinity", "none", "unlimited":
                return Double.POSITIVE_INFINITY;
            default:
                break;
        }
        double scale = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'K') {
            scale = 1e3;
        } else if (last == 'M') {
            scale = 1e6;
        } else if (last == 'G' || last == 'g') {
            scale = 1e9;
        }
        String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        try {
            double v = Double.parseDouble(digits) * scale;
            if (Double.isNaN(v)) {
                throw new NumberFormatException("NaN");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a number (use e.g. 0.5, 1e6, 10M, 250k or inf)",
                    e);
        }
    }

    /** Parses a whole number (suffixes allowed when they give an integer), failing in one line. */
    public static long parseLong(String text, String what) {
        double v = parseDouble(text, what);
        if (Double.isInfinite(v) || v != Math.rint(v) || Math.abs(v) > 9.0e15) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a whole number");
        }
        return (long) v;
    }

    /** Parses a whole number that fits an int. */
    public static int parseInt(String text, String what) {
        long v = parseLong(text, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": '" + text + "' is out of range");
        }
        return (int) v;
    }

    /**
     * Parses a duration in seconds: a number of seconds, or a number with the unit {@code ms},
     * {@code s} or {@code min} ({@code 200ms}, {@code 200 ms}, {@code 0.2s}); {@code inf} for none.
     */
    public static double parseSeconds(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        double scale = 1;
        String digits = t;
        if (t.endsWith("ms")) {
            scale = 1e-3;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("min")) {
            scale = 60;
            digits = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s") && !t.endsWith("ns") && !t.endsWith("us")) {
            digits = t.substring(0, t.length() - 1);
        }
        try {
            return parseDouble(digits.trim(), what) * scale;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a duration (use e.g. 200ms, 0.5s or inf)", e);
        }
    }

    /** Parses a boolean: true/false/yes/no/on/off (any case). */
    public static boolean parseBoolean(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default ->
                    throw new IllegalArgumentException(
                            what + ": '" + text + "' is not a boolean (use true or false)");
        };
    }

    /**
     * Parses a comma-separated list of numbers ({@code "0.1,1,10"}; blanks around commas are
     * ignored), failing on an empty list or a bad element.
     */
    public static List<Double> parseDoubleList(String text, String what) {
        List<Double> out = new ArrayList<>();
        for (String part : splitList(text, what)) {
            out.add(parseDouble(part, what));
        }
        return List.copyOf(out);
    }

    /** Splits a comma-separated list into trimmed, non-empty items, failing when there are none. */
    public static List<String> splitList(String text, String what) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    what + ": expected a comma-separated list, got '" + text + "'");
        }
        return List.copyOf(out);
    }

    /** Formats a number compactly for messages and tables (no trailing zeros, "inf"). */
    public static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
