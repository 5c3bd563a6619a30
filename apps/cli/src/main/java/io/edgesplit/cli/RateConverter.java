package io.edgesplit.cli;

import io.edgesplit.core.util.Values;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses bit rates such as {@code 20e6}, {@code 20M}, {@code 500k} or {@code 1G} (powers of ten).
 */
public final class RateConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        double v;
        try {
            v = Values.parseDouble(value, "rate");
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a bit rate: write e.g. 20e6, 20M, 500k or 1G");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new TypeConversionException(
                    "'" + value + "' is not a bit rate: it must be a finite number >= 0");
        }
        return v;
    }
}
