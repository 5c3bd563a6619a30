package io.edgesplit.core.model;

import java.util.Locale;

/** Element types of tensors that cross a cut, with their size on the wire. */
public enum ElementType {
    FLOAT(4),
    FLOAT16(2),
    DOUBLE(8),
    INT8(1),
    UINT8(1),
    INT32(4),
    INT64(8),
    BOOL(1);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses a name case-insensitively ("float", "FLOAT16"), failing with the accepted values. */
    public static ElementType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown element type '"
                            + name
                            + "': use one of "
                            + java.util.Arrays.toString(values()));
        }
    }
}
