package io.edgesplit.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h} or a bare number of
 * seconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration: write e.g. 30s, 500ms, 2m or 1h");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms =
                switch (unit) {
                    case "ms" -> n;
                    case "m", "min" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    default -> n * 1_000;
                };
        if (ms < 1) {
            throw new TypeConversionException("'" + value + "' is shorter than a millisecond");
        }
        return Duration.ofMillis(Math.round(ms));
    }
}
