package io.edgesplit.kafka.recording;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;

/**
 * Block compression of a trace's Avro container files. Frames of random-looking tensors hardly
 * compress, so the default is none; telemetry and results compress well with zstd.
 */
public enum TraceCompression {
    NONE("null"),
    DEFLATE("deflate"),
    SNAPPY("snappy"),
    ZSTD("zstandard");

    private final String avroCodec;

    TraceCompression(String avroCodec) {
        this.avroCodec = avroCodec;
    }

    /** The name on the command line and in the manifest. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Names accepted by {@link #fromName}. */
    public static List<String> names() {
        return Arrays.stream(values()).map(TraceCompression::cliName).toList();
    }

    /**
     * Parses a name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static TraceCompression fromName(String name) {
        for (TraceCompression c : values()) {
            if (c.cliName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown compression '" + name + "': use one of " + String.join(", ", names()));
    }

    CodecFactory codec() {
        return this == DEFLATE ? CodecFactory.deflateCodec(1) : CodecFactory.fromString(avroCodec);
    }
}
