package io.edgesplit.kafka.recording;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record header of a {@link TraceRecord}. Equality compares the bytes.
 *
 * @param key header key
 * @param value header value bytes, or null
 */
public record TraceHeader(String key, byte[] value) {

    public TraceHeader {
        Objects.requireNonNull(key, "key");
    }

    /** A header with a UTF-8 value. */
    public static TraceHeader of(String key, String value) {
        return new TraceHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + (value == null ? "null" : value.length + " bytes");
    }
}
