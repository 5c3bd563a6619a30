package io.edgesplit.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.cost.WirePrecision;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.device.RadioModel;
import io.edgesplit.core.device.YamlFields;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.TraceFormat;
import io.edgesplit.core.trace.Traces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads simulation scenarios from YAML. Paths in a scenario are relative to the scenario file.
 *
 * <pre>{@code
 * name: ge-lte
 * profile: profiles/resnet18-macs.json   # a model profile file ...
 * # model: resnet18                      # ... or a model name the caller can profile
 * edge: edge-gpu                         # built-in edge profile or YAML file (default edge-gpu)
 * wire: fp32                             # fp32 | fp16
 * slots: 6000
 * slotSeconds: 0.1
 * warmupSlots: 600
 * seed: 1
 * policies: all                          # or [cutedge, device-only, ...]
 * V: [0.1, 1, 10]
 * controller:                            # edgesplit.controller.* options without the prefix
 *   theta: 1
 *   power-budget-w: inf
 * devices:
 *   - count: 4
 *     profile: jetson-tx2                # built-in or YAML file
 *     radio: lte                         # optional: lte | wifi (Huang et al. defaults)
 *     trace: ge:good=8M,bad=1M,pgb=0.1,pbg=0.3,seed=3   # generator, file, or a list of them
 *     traceFormat: auto                  # or norway, belgium, mahimahi, pensieve, fcc, ucc
 *     traceScale: 1.0                    # optional factor on every capacity
 *     fps: 10
 *     arrivals: poisson                  # poisson | periodic
 * }</pre>
 */
public final class Scenarios {

    private Scenarios() {}

    /** Loads a scenario that names its model profile with {@code profile:} (a file). */
    public static SimulationSpec.Builder load(Path file) {
        return load(file, name -> null);
    }

    /**
     * Loads a scenario.
     *
     * @param file the YAML file
     * @param modelResolver resolves {@code model: NAME} to a profile (e.g. by profiling a built-in
     *     model); may return null when it cannot
     * @return a builder, so command-line options can override fields before {@code build()}
     */
    public static SimulationSpec.Builder load(
            Path file, Function<String, ModelProfile> modelResolver) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read scenario " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, "scenario " + file, base, modelResolver);
    }

    /**
     * Parses scenario YAML.
     *
     * @param yaml the text
     * @param origin what it is, for error messages
     * @param baseDir directory relative paths are resolved against
     * @param modelResolver resolves {@code model: NAME}
     */
    public static SimulationSpec.Builder parse(
            String yaml,
            String origin,
            Path baseDir,
            Function<String, ModelProfile> modelResolver) {
        YamlFields y = new YamlFields(origin);
        JsonNode root = y.parse(yaml);
        y.onlyFields(
                root,
                "",
                "name",
                "description",
                "model",
                "profile",
                "edge",
                "wire",
                "slots",
                "slotSeconds",
                "warmupSlots",
                "seed",
                "policies",
                "V",
                "controller",
                "devices");
        SimulationSpec.Builder b = SimulationSpec.builder();
        b.name(y.text(root, "name", "", "simulation"));
        b.model(model(y, root, baseDir, modelResolver));
        String edge = y.text(root, "edge", "", "edge-gpu");
        try {
            b.edge(EdgeServerProfiles.resolve(resolveIfFile(edge, baseDir)));
        } catch (IllegalArgumentException e) {
            throw y.error("edge", e);
        }
        try {
            b.wire(WirePrecision.parse(y.text(root, "wire", "", "fp32")));
        } catch (IllegalArgumentException e) {
            throw y.error("wire", e);
        }
        run(y, root, b);
        controller(y, root, b);
        b.devices(devices(y, root, baseDir));
        return b;
    }

    /** Slots, slot length, warm-up, seed, policies and V values, where given. */
    private static void run(YamlFields y, JsonNode root, SimulationSpec.Builder b) {
        if (y.has(root, "slots")) {
            b.slots(whole(y, root, "slots"));
        }
        if (y.has(root, "slotSeconds")) {
            b.slotSeconds(y.number(root, "slotSeconds", "", null));
        }
        if (y.has(root, "warmupSlots")) {
            b.warmupSlots(whole(y, root, "warmupSlots"));
        }
        if (y.has(root, "seed")) {
            b.seed(whole(y, root, "seed"));
        }
        if (y.has(root, "policies")) {
            List<String> p = y.texts(root, "policies", "", true);
            try {
                b.policies(
                        p.size() == 1
                                ? Policies.parseList(p.get(0))
                                : Policies.parseList(String.join(",", p)));
            } catch (IllegalArgumentException e) {
                throw y.error("policies", e);
            }
        }
        if (y.has(root, "V")) {
            b.vValues(y.numbers(root, "V", "", true));
        }
    }

    /** The {@code controller:} map, keys with or without the edgesplit.controller. prefix. */
    private static void controller(YamlFields y, JsonNode root, SimulationSpec.Builder b) {
        JsonNode controller = y.object(root, "controller", "", false);
        if (controller != null) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : controller.properties()) {
                if (!e.getValue().isValueNode()) {
                    throw y.error("controller." + e.getKey(), "expected a value");
                }
                String key =
                        e.getKey().startsWith(ControllerConfig.PREFIX)
                                ? e.getKey()
                                : ControllerConfig.PREFIX + e.getKey();
                kv.put(key, e.getValue().asText());
            }
            if (y.has(root, "slotSeconds")) {
                // checked against the scenario's slot (the latency bound must exceed it)
                kv.putIfAbsent(ControllerConfig.SLOT_SECONDS, root.get("slotSeconds").asText());
            }
            try {
                b.controller(ControllerConfig.fromMap(kv));
            } catch (IllegalArgumentException e) {
                throw y.error("controller", e);
            }
        }
    }

    /** The {@code devices:} list of device groups; at least one. */
    private static List<DeviceGroup> devices(YamlFields y, JsonNode root, Path baseDir) {
        JsonNode devices = root.get("devices");
        if (devices == null || !devices.isArray() || devices.isEmpty()) {
            throw y.error(
                    "devices", "expected a list of device groups (count, profile, trace, fps)");
        }
        List<DeviceGroup> groups = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            groups.add(group(y, devices.get(i), "devices[" + i + "]", baseDir));
        }
        return groups;
    }

    private static ModelProfile model(
            YamlFields y, JsonNode root, Path baseDir, Function<String, ModelProfile> resolver) {
        boolean hasProfile = y.has(root, "profile");
        boolean hasModel = y.has(root, "model");
        if (hasProfile == hasModel) {
            throw y.error(
                    "profile",
                    "give exactly one of profile: FILE (a model profile JSON) or model: NAME");
        }
        if (hasProfile) {
            Path p = resolve(y.text(root, "profile", "", null), baseDir);
            return ModelProfileJson.read(p);
        }
        String name = y.text(root, "model", "", null);
        ModelProfile m = resolver.apply(name);
        if (m == null) {
            throw y.error(
                    "model",
                    "cannot profile model '"
                            + name
                            + "' here: give profile: FILE (write one with edgesplit profile --model "
                            + name
                            + " --json --out FILE)");
        }
        return m;
    }

    private static DeviceGroup group(YamlFields y, JsonNode g, String path, Path baseDir) {
        if (!g.isObject()) {
            throw y.error(path, "expected a mapping (count, profile, trace, fps)");
        }
        y.onlyFields(
                g,
                path,
                "count",
                "profile",
                "radio",
                "trace",
                "traceFormat",
                "traceScale",
                "fps",
                "arrivals");
        int count = y.has(g, "count") ? whole(y, g, "count", path) : 1;
        DeviceProfile device;
        try {
            device =
                    DeviceProfiles.resolve(
                            resolveIfFile(y.text(g, "profile", path, "jetson-tx2"), baseDir));
        } catch (IllegalArgumentException e) {
            throw y.error(path + ".profile", e);
        }
        if (y.has(g, "radio")) {
            String r = y.text(g, "radio", path, null).trim();
            RadioModel radio =
                    switch (r) {
                        case "lte" -> RadioModel.lte();
                        case "wifi" -> RadioModel.wifi();
                        default ->
                                throw y.error(
                                        path + ".radio",
                                        "'"
                                                + r
                                                + "' is not lte or wifi (edit the device profile for"
                                                + " other radios)");
                    };
            device = device.withRadio(radio).withName(device.name() + "-" + r);
        }
        TraceFormat format;
        try {
            format = TraceFormat.fromName(y.text(g, "traceFormat", path, "auto"));
        } catch (IllegalArgumentException e) {
            throw y.error(path + ".traceFormat", e);
        }
        double scale = y.number(g, "traceScale", path, 1.0);
        // one scalar is one trace (generator specs contain commas); a list gives several
        JsonNode traceNode = g.get("trace");
        List<String> specs =
                traceNode != null && traceNode.isValueNode()
                        ? List.of(y.text(g, "trace", path, null).trim())
                        : y.texts(g, "trace", path, true);
        List<BandwidthTrace> traces = new ArrayList<>();
        for (String s : specs) {
            try {
                BandwidthTrace t = Traces.load(s, format, baseDir);
                traces.add(scale == 1.0 ? t : t.scaled(scale));
            } catch (IllegalArgumentException e) {
                throw y.error(path + ".trace", e);
            }
        }
        double fps = y.number(g, "fps", path, null);
        ArrivalProcess arrivals;
        try {
            arrivals = ArrivalProcess.parse(y.text(g, "arrivals", path, "poisson"));
        } catch (IllegalArgumentException e) {
            throw y.error(path + ".arrivals", e);
        }
        try {
            return new DeviceGroup(count, device, traces, fps, arrivals);
        } catch (IllegalArgumentException e) {
            throw y.error(path, e);
        }
    }

    private static int whole(YamlFields y, JsonNode node, String field) {
        return whole(y, node, field, "");
    }

    private static int whole(YamlFields y, JsonNode node, String field, String path) {
        double v = y.number(node, field, path, null);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw y.error(YamlFields.join(path, field), "must be a whole number, got " + v);
        }
        return (int) v;
    }

    private static Path resolve(String p, Path baseDir) {
        Path path = Path.of(p.trim());
        return baseDir == null || path.isAbsolute() ? path : baseDir.resolve(path);
    }

    /** A built-in name stays as is; anything that exists relative to the scenario is resolved. */
    private static String resolveIfFile(String nameOrPath, Path baseDir) {
        Path p = resolve(nameOrPath, baseDir);
        return Files.exists(p) ? p.toString() : nameOrPath;
    }
}
