package io.edgesplit.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@link ModelProfile} as JSON (the {@code profile --json} format). */
public final class ModelProfileJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    // unmeasured latencies are NaN; JSON has no NaN literal, so they travel as
                    // "NaN"
                    .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build();

    private ModelProfileJson() {}

    public static String toJson(ModelProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write profile of '" + profile.modelId() + "' as JSON", e);
        }
    }

    public static ModelProfile fromJson(String json, String origin) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree != null && tree.get("cuts") instanceof ArrayNode cuts) {
                // profiles written before general (DAG) cuts existed have no "general" key
                for (JsonNode cut : cuts) {
                    if (cut instanceof ObjectNode o && !o.has("general")) {
                        o.put("general", false);
                    }
                }
            }
            return MAPPER.treeToValue(tree, ModelProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "invalid model profile "
                            + origin
                            + ": "
                            + e.getOriginalMessage()
                            + " (write one with: edgesplit profile --model M --json --out FILE)",
                    e);
        }
    }

    public static void write(ModelProfile profile, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(profile));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write profile to " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelProfile read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model profile " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read model profile " + file + ": " + e.getMessage(), e);
        }
    }
}
