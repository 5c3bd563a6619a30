package io.edgesplit.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.YamlFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link DeviceNetwork} from YAML, or makes one from a list of device types. The format
 * (numbers may carry k/M/G suffixes):
 *
 * <pre>{@code
 * devices:
 *   - {id: nano-1, profile: jetson-nano, memoryBytes: 4G}   # profile: built-in name or YAML file
 *   - {id: orin-1, profile: jetson-agx-orin}                # memory: the board's (see below)
 * source: nano-1                   # where frames enter (default: the first device)
 * lan: {bandwidthBps: 1G, latencyS: 0.0005}   # every pair without its own link
 * links:                           # symmetric; pairs not listed use lan (needed if one is missing)
 *   - {from: nano-1, to: orin-1, bandwidthBps: 100M, latencyS: 0.002}
 * }</pre>
 */
public final class DeviceNetworks {

    /** The shared rate of a network made from device types: 1 Gbit/s Ethernet. */
    public static final double DEFAULT_LAN_BPS = 1e9;

    /** The latency of a network made from device types: 0.5 ms. */
    public static final double DEFAULT_LAN_LATENCY_S = 0.0005;

    /** Memory of the built-in boards (bytes), used when a device gives none. */
    private static final Map<String, Long> BOARD_MEMORY =
            Map.of(
                    "jetson-nano", 4L << 30,
                    "jetson-tx2", 8L << 30,
                    "jetson-xavier-nx", 8L << 30,
                    "jetson-agx-orin", 64L << 30);

    private DeviceNetworks() {}

    /**
     * Devices of the given types ({@code jetson-nano}, or a profile file), named {@code type-1},
     * {@code type-2}..., with their boards' memory, on a 1 Gbit/s LAN; frames enter at the first.
     */
    public static DeviceNetwork ofTypes(List<String> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("--devices: give at least one device type");
        }
        DeviceNetwork.Builder b = DeviceNetwork.builder();
        Map<String, Integer> count = new HashMap<>();
        for (String type : types) {
            DeviceProfile p = DeviceProfiles.resolve(type);
            int n = count.merge(p.name(), 1, Integer::sum);
            b.device(new NetDevice(p.name() + "-" + n, p, boardMemory(p.name(), "--devices")));
        }
        return b.lan(DEFAULT_LAN_BPS, DEFAULT_LAN_LATENCY_S).build();
    }

    /** Reads a network file. */
    public static DeviceNetwork load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("network file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read network file " + file, e);
        }
        return parse(text, "network " + file);
    }

    /** Parses a network; {@code origin} starts every error message. */
    public static DeviceNetwork parse(String yaml, String origin) {
        YamlFields y = new YamlFields(origin);
        JsonNode root = y.parse(yaml);
        y.onlyFields(root, "", "devices", "source", "lan", "links");
        JsonNode devices = root.get("devices");
        if (devices == null || !devices.isArray() || devices.isEmpty()) {
            throw y.error("devices", "expected a non-empty list of {id, profile, memoryBytes}");
        }
        DeviceNetwork.Builder b = DeviceNetwork.builder();
        try {
            for (int i = 0; i < devices.size(); i++) {
                b.device(device(y, devices.get(i), "devices[" + i + "]"));
            }
            if (y.has(root, "lan")) {
                JsonNode lan = y.object(root, "lan", "", true);
                y.onlyFields(lan, "lan", "bandwidthBps", "latencyS");
                b.lan(
                        y.number(lan, "bandwidthBps", "lan", null),
                        y.number(lan, "latencyS", "lan", 0.0));
            }
            links(y, root.get("links"), b);
            if (y.has(root, "source")) {
                b.source(y.text(root, "source", "", null).trim());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(origin)) {
                throw e;
            }
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static NetDevice device(YamlFields y, JsonNode d, String path) {
        if (d == null || !d.isObject()) {
            throw y.error(path, "expected {id, profile, memoryBytes}");
        }
        y.onlyFields(d, path, "id", "profile", "memoryBytes");
        String id = y.text(d, "id", path, null).trim();
        String profileName = y.text(d, "profile", path, null).trim();
        DeviceProfile profile;
        try {
            profile = DeviceProfiles.resolve(profileName);
        } catch (IllegalArgumentException e) {
            throw y.error(path + ".profile", e);
        }
        double memory =
                y.has(d, "memoryBytes")
                        ? y.number(d, "memoryBytes", path, null)
                        : boardMemory(profile.name(), path + ".memoryBytes");
        if (!(memory > 0) || Double.isInfinite(memory)) {
            throw y.error(path + ".memoryBytes", "must be a finite number > 0, got " + memory);
        }
        return new NetDevice(id, profile, (long) memory);
    }

    private static void links(YamlFields y, JsonNode links, DeviceNetwork.Builder b) {
        if (links == null || links.isNull()) {
            return;
        }
        if (!links.isArray()) {
            throw y.error("links", "expected a list of {from, to, bandwidthBps, latencyS}");
        }
        for (int i = 0; i < links.size(); i++) {
            String path = "links[" + i + "]";
            JsonNode l = links.get(i);
            if (!l.isObject()) {
                throw y.error(path, "expected {from, to, bandwidthBps, latencyS}");
            }
            y.onlyFields(l, path, "from", "to", "bandwidthBps", "latencyS");
            double bps = y.number(l, "bandwidthBps", path, null);
            double latency = y.number(l, "latencyS", path, 0.0);
            try {
                b.link(
                        y.text(l, "from", path, null).trim(),
                        y.text(l, "to", path, null).trim(),
                        bps,
                        latency);
            } catch (IllegalArgumentException e) {
                throw y.error(path, e);
            }
        }
    }

    private static long boardMemory(String profile, String where) {
        Long m = BOARD_MEMORY.get(profile.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException(
                    where
                            + ": profile '"
                            + profile
                            + "' has no known memory: give memoryBytes in a --network file");
        }
        return m;
    }

    /** The ids of a network's devices (for messages). */
    static List<String> ids(DeviceNetwork n) {
        List<String> ids = new ArrayList<>();
        n.devices().forEach(d -> ids.add(d.id()));
        return ids;
    }
}
