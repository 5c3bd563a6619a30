package io.edgesplit.core.cost;

import java.util.Arrays;
import java.util.Locale;

/** How floating-point tensors travel over the uplink. */
public enum WirePrecision {
    /** In their own type (fp32 activations): {@code CutProfile.bytesFp32}. */
    FP32,
    /** Converted to fp16: {@code CutProfile.bytesFp16}. */
    FP16;

    /** Parses "fp32" / "fp16" (any case), failing with the accepted values. */
    public static WirePrecision parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown wire precision '"
                            + text
                            + "': use one of "
                            + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
