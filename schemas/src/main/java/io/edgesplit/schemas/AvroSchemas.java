package io.edgesplit.schemas;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Decision;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ModelProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bundled wire schemas: the message types that travel on Kafka and every historical version of
 * each, kept as resources under {@code avro-history/<Type>/v<N>.avsc} (v1 is the first released
 * schema, the highest N must equal the current one). See {@code docs/wire.md} for the evolution
 * procedure.
 */
public final class AvroSchemas {

    /** Resource folder holding the schema history, one sub-folder per message type. */
    public static final String HISTORY_ROOT = "avro-history";

    /** The top-level message types, one per topic. */
    public static final List<Class<? extends SpecificRecord>> MESSAGE_TYPES =
            List.of(
                    DeviceTelemetry.class,
                    Frame.class,
                    Decision.class,
                    InferenceResult.class,
                    DeadLetter.class,
                    ModelProfile.class);

    private AvroSchemas() {}

    /** The current (reader) schema of a generated class. */
    public static Schema current(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    /** 64-bit Rabin fingerprint of the schema's parsing canonical form (CRC-64-AVRO). */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * The historical versions of a type, v1 first, read from {@code avro-history/<Type>/v<N>.avsc}
     * on the class path; empty for a type without history (nested types, test types).
     */
    public static List<Schema> history(Class<? extends SpecificRecord> type) {
        return history(type.getSimpleName());
    }

    /** The historical versions stored under {@code avro-history/<typeName>/}, v1 first. */
    public static List<Schema> history(String typeName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = historyResource(typeName, v);
            try (InputStream in =
                    AvroSchemas.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                versions.add(new Schema.Parser().parse(json));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema history " + resource, e);
            }
        }
    }

    /** Class-path resource name of version {@code version} of a type's history. */
    public static String historyResource(String typeName, int version) {
        return HISTORY_ROOT + "/" + typeName + "/v" + version + ".avsc";
    }

    /**
     * The message type (simple name) a fingerprint belongs to, over the current and historical
     * versions of every {@link #MESSAGE_TYPES message type}.
     */
    public static Optional<String> typeOf(long fingerprint) {
        return Optional.ofNullable(FingerprintIndex.TYPES.get(fingerprint));
    }

    /** Built on first use: fingerprint of every bundled version -> type name. */
    private static final class FingerprintIndex {
        static final Map<Long, String> TYPES = build();

        private static Map<Long, String> build() {
            Map<Long, String> types = new HashMap<>();
            for (Class<? extends SpecificRecord> type : MESSAGE_TYPES) {
                types.put(fingerprint(current(type)), type.getSimpleName());
                for (Schema version : history(type)) {
                    types.put(fingerprint(version), type.getSimpleName());
                }
            }
            return Map.copyOf(types);
        }
    }
}
