package io.edgesplit.core.sim;

import java.util.Arrays;
import java.util.Locale;

/** How frames arrive at a device. */
public enum ArrivalProcess {
    /** Poisson arrivals at the mean frame rate (seeded per device, the same for every run). */
    POISSON,
    /** A camera at a fixed frame rate: exactly fps·t frames by time t. */
    PERIODIC;

    /** Parses "poisson" / "periodic" (any case), failing with the accepted values. */
    public static ArrivalProcess parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown arrival process '"
                            + text
                            + "': use one of "
                            + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
