package io.edgesplit.core.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgesplit.core.util.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads fields out of a parsed YAML tree, failing with one line that names the file, the field path
 * and the problem. Shared by the device, edge-server and scenario loaders.
 */
public final class YamlFields {

    private static final ObjectMapper YAML = new YAMLMapper();

    private final String origin;

    /**
     * @param origin what is being read, e.g. "device profile /tmp/x.yaml"; starts every message
     */
    public YamlFields(String origin) {
        this.origin = origin;
    }

    /** Parses YAML text into a mapping node, failing in one line if it is not a mapping. */
    public JsonNode parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new IllegalArgumentException(
                    origin
                            + ": not valid YAML: "
                            + (nl < 0 ? msg : msg.substring(0, nl))
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a YAML mapping (key: value)");
        }
        return root;
    }

    /** An error about {@code path}. */
    public IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException(origin + ": " + path + ": " + problem);
    }

    /** An error about {@code path} caused by a validation failure further down. */
    public IllegalArgumentException error(String path, IllegalArgumentException cause) {
        return new IllegalArgumentException(
                origin + ": " + path + ": " + cause.getMessage(), cause);
    }

    /** Fails if {@code node} has fields other than {@code allowed} (catches typos). */
    public void onlyFields(JsonNode node, String path, String... allowed) {
        Set<String> ok = Set.of(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!ok.contains(n)) {
                throw error(
                        join(path, n), "unknown field (valid fields: " + new TreeSet<>(ok) + ")");
            }
        }
    }

    /** A mapping-valued field, or null when absent and not required. */
    public JsonNode object(JsonNode node, String field, String path, boolean required) {
        JsonNode v = present(node, field, path, required);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw error(join(path, field), "expected a mapping (key: value)");
        }
        return v;
    }

    /** A text field; {@code fallback} when absent (null fallback means required). */
    public String text(JsonNode node, String field, String path, String fallback) {
        JsonNode v = present(node, field, path, fallback == null);
        if (v == null) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(join(path, field), "expected a value, got " + v.getNodeType());
        }
        return v.asText();
    }

    /** A numeric field (numbers, "inf", k/M/G suffixes); {@code fallback} when absent. */
    public double number(JsonNode node, String field, String path, Double fallback) {
        JsonNode v = present(node, field, path, fallback == null);
        if (v == null) {
            return fallback;
        }
        return toDouble(v, join(path, field));
    }

    /** Whether the field is present and not null. */
    public boolean has(JsonNode node, String field) {
        return present(node, field, "", false) != null;
    }

    /** The field's node; null when absent or null, which fails with "missing" if required. */
    private JsonNode present(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw error(join(path, field), "missing");
            }
            return null;
        }
        return v;
    }

    /** A list of numbers (a YAML sequence); empty when absent and not required. */
    public List<Double> numbers(JsonNode node, String field, String path, boolean required) {
        JsonNode v = present(node, field, path, required);
        String p = join(path, field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(p, "expected a list like [1, 2, 3]");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(toDouble(v.get(i), p + "[" + i + "]"));
        }
        return out;
    }

    /** A list of strings (a sequence, or one comma-separated string). */
    public List<String> texts(JsonNode node, String field, String path, boolean required) {
        JsonNode v = present(node, field, path, required);
        String p = join(path, field);
        if (v == null) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isValueNode()) {
                    throw error(p + "[" + i + "]", "expected a value");
                }
                out.add(v.get(i).asText().trim());
            }
            return out;
        }
        if (v.isValueNode()) {
            try {
                return Values.splitList(v.asText(), p);
            } catch (IllegalArgumentException e) {
                throw error(p, "expected a list like [a, b]");
            }
        }
        throw error(p, "expected a list like [a, b]");
    }

    private double toDouble(JsonNode v, String path) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Values.parseDouble(v.asText(), path);
            } catch (IllegalArgumentException e) {
                throw error(path, "'" + v.asText() + "' is not a number");
            }
        }
        throw error(path, "expected a number, got " + v.getNodeType());
    }

    /** Joins a parent path and a field: {@code join("gpu", "idleW")} is "gpu.idleW". */
    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }
}
