package io.edgesplit.schemas;

import java.util.Objects;

/**
 * A value could not be decoded as the expected Avro single-object encoded type. The message is one
 * line naming the problem (e.g. {@code not Avro single-object encoded (bad marker 0x7b22)}); {@link
 * #kind()} classifies it for metrics and tests.
 */
public final class AvroDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the bytes. */
    public enum Kind {
        /** The value was null (a tombstone) or empty. */
        EMPTY,
        /** The first two bytes are not the single-object marker C3 01. */
        BAD_MARKER,
        /** The fingerprint matches no bundled schema at all. */
        UNKNOWN_FINGERPRINT,
        /** The fingerprint belongs to another bundled message type. */
        WRONG_TYPE,
        /** The bytes end before the header or the record does. */
        TRUNCATED,
        /** The body does not decode with the writer schema, or bytes are left after it. */
        MALFORMED
    }

    private final Kind kind;

    public AvroDecodeException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public AvroDecodeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The class of problem. */
    public Kind kind() {
        return kind;
    }
}
