package io.edgesplit.core.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads {@link EdgeServerProfile}s: built-in {@code edge-gpu} and {@code edge-cpu}, or a YAML file
 * with {@code name}, {@code description} and {@code macsPerSecond}.
 */
public final class EdgeServerProfiles {

    private static final List<String> BUILTIN = List.of("edge-gpu", "edge-cpu");

    private EdgeServerProfiles() {}

    /** Names of the built-in edge server profiles. */
    public static List<String> builtinNames() {
        return BUILTIN;
    }

    /** The default edge server: {@code edge-gpu}. */
    public static EdgeServerProfile defaultProfile() {
        return builtin("edge-gpu");
    }

    /** A built-in edge profile by name, failing with the list of names. */
    public static EdgeServerProfile builtin(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!BUILTIN.contains(key)) {
            throw new IllegalArgumentException(
                    "unknown edge server profile '"
                            + name
                            + "': built-in profiles are "
                            + String.join(", ", BUILTIN)
                            + ", or pass a YAML file");
        }
        return parse(DeviceProfiles.resource(key + ".yaml"), "built-in edge profile " + key);
    }

    /** A built-in name, or else a path to a YAML file. */
    public static EdgeServerProfile resolve(String nameOrPath) {
        if (nameOrPath != null && BUILTIN.contains(nameOrPath.trim().toLowerCase(Locale.ROOT))) {
            return builtin(nameOrPath);
        }
        Path p = Path.of(nameOrPath == null ? "" : nameOrPath.trim());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(
                    "edge server profile '"
                            + nameOrPath
                            + "' is neither a built-in profile ("
                            + String.join(", ", BUILTIN)
                            + ") nor an existing file");
        }
        return load(p);
    }

    /** Reads an edge profile file. */
    public static EdgeServerProfile load(Path file) {
        return parse(
                DeviceProfiles.read(file, "edge server profile"), "edge server profile " + file);
    }

    /** Parses an edge profile; {@code origin} starts error messages. */
    public static EdgeServerProfile parse(String yaml, String origin) {
        YamlFields y = new YamlFields(origin);
        JsonNode root = y.parse(yaml);
        y.onlyFields(root, "", "name", "description", "macsPerSecond");
        String name = y.text(root, "name", "", null).trim();
        double macs = y.number(root, "macsPerSecond", "", null);
        try {
            return new EdgeServerProfile(name, y.text(root, "description", "", ""), macs);
        } catch (IllegalArgumentException e) {
            throw y.error("profile", e);
        }
    }
}
