package io.edgesplit.core.controller;

import io.edgesplit.core.util.Values;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One typed controller option, declared once in {@link ControllerConfig#SETTINGS}: its key, type,
 * default, meaning, how its text is parsed, and how the value moves between a builder and a config.
 * Parsing ({@link ControllerConfig#fromMap}), printing ({@link ControllerConfig#toMap}), the
 * builder's defaults, the option list and docs/configuration.md's table all come from it.
 *
 * @param key full key, e.g. {@code edgesplit.controller.v}
 * @param type the value's type
 * @param defaultValue the builder's default
 * @param description meaning, with units
 * @param parser text to value; failures name the key
 * @param setter stores a value into a builder
 * @param getter reads the value from a config
 * @param <T> the value's type
 */
public record ControllerSetting<T>(
        String key,
        Class<T> type,
        T defaultValue,
        String description,
        Parser<T> parser,
        BiConsumer<ControllerConfig.Builder, T> setter,
        Function<ControllerConfig, T> getter) {

    /** Parses option text, naming the key in its one-line error. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text, String key);
    }

    /** Parses {@code text} and stores it into {@code b}. */
    public void apply(ControllerConfig.Builder b, String text) {
        setter.accept(b, parser.parse(text, key));
    }

    /** Stores the default into {@code b}. */
    void applyDefault(ControllerConfig.Builder b) {
        setter.accept(b, defaultValue);
    }

    /** Copies this setting's value from {@code c} into {@code b}. */
    void copy(ControllerConfig c, ControllerConfig.Builder b) {
        setter.accept(b, getter.apply(c));
    }

    /** The value in {@code c} as text that {@link #apply} reads back to the same value. */
    public String format(ControllerConfig c) {
        return text(getter.apply(c), false);
    }

    /** The default as written in docs and config files. */
    public String defaultText() {
        return text(defaultValue, true);
    }

    /** The option's line for listings and docs. */
    public ConfigOption describe() {
        return new ConfigOption(key, defaultText(), description);
    }

    private static String text(Object value, boolean readable) {
        if (value instanceof Double d) {
            if (Double.isInfinite(d) || readable) {
                return Values.format(d);
            }
            return Double.toString(d);
        }
        if (value instanceof Integer i && i == Integer.MAX_VALUE) {
            return "inf";
        }
        return String.valueOf(value);
    }

    /**
     * A setting whose type is its default's (Double, Integer, Long or Boolean), parsed with the
     * project's one-line number and boolean parsers ("inf" allowed where the type holds it).
     */
    @SuppressWarnings("unchecked")
    static <T> ControllerSetting<T> of(
            String key,
            T def,
            String doc,
            BiConsumer<ControllerConfig.Builder, T> setter,
            Function<ControllerConfig, T> getter) {
        Class<T> type = (Class<T>) def.getClass();
        Parser<?> parser =
                type == Double.class
                        ? (Parser<Double>) Values::parseDouble
                        : type == Integer.class
                                ? (Parser<Integer>) ControllerSetting::parseIntOrInf
                                : type == Long.class
                                        ? (Parser<Long>) Values::parseLong
                                        : type == Boolean.class
                                                ? (Parser<Boolean>) Values::parseBoolean
                                                : null;
        if (parser == null) {
            throw new IllegalArgumentException(key + ": no parser for " + type.getSimpleName());
        }
        return new ControllerSetting<>(key, type, def, doc, (Parser<T>) parser, setter, getter);
    }

    /** An int, where "inf" means {@link Integer#MAX_VALUE} (no cap). */
    private static Integer parseIntOrInf(String text, String key) {
        double m = Values.parseDouble(text, key);
        return Double.isInfinite(m) && m > 0 ? Integer.MAX_VALUE : Values.parseInt(text, key);
    }
}
