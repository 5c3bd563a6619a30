package io.edgesplit.core.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads {@link DeviceProfile}s from YAML: the built-in Jetson profiles bundled as resources, or a
 * user's file. The format (all numbers may be written as {@code 1.3e9}, {@code 1300M} etc.):
 *
 * <pre>{@code
 * name: jetson-tx2
 * description: free text
 * gpu:
 *   clocksHz: [140250000, ..., 1300500000]   # ascending
 *   power: {p0W: 3.0, kappaWPerGHz3: 3.637}  # P(f) = p0W + kappa*(f/GHz)^3 ...
 *   # power: {tableW: [...]}                 # ... or one measured busy power per clock
 *   idleW: 1.9
 *   computeBoundFraction: 0.85               # delta in c(f) = c(fmax)*(delta*fmax/f + 1 - delta)
 *   macsPerSecondAtMax: 1.0e11               # used when no head latency was measured on it
 * radio:
 *   type: lte               # lte | wifi (alpha*r + beta with Huang et al. defaults) | linear | shannon
 *   alphaWPerMbps: 0.438    # optional for lte/wifi, required for linear
 *   betaW: 1.288
 *   # shannon: bandwidthHz, noiseOverGainW, circuitW
 * uplinkRatesBps: []        # optional discrete rates; empty = fractions of the capacity
 * }</pre>
 */
public final class DeviceProfiles {

    /** Names of the profiles bundled with edgesplit. */
    private static final List<String> BUILTIN =
            List.of("jetson-nano", "jetson-tx2", "jetson-xavier-nx", "jetson-agx-orin");

    private static final Map<String, DeviceProfile> CACHE = new ConcurrentHashMap<>();

    private DeviceProfiles() {}

    /** Names of the built-in profiles. */
    public static List<String> builtinNames() {
        return BUILTIN;
    }

    /** A built-in profile by name, failing with the list of names. */
    public static DeviceProfile builtin(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!BUILTIN.contains(key)) {
            throw new IllegalArgumentException(
                    "unknown device profile '"
                            + name
                            + "': built-in profiles are "
                            + String.join(", ", BUILTIN)
                            + ", or pass a YAML file");
        }
        return CACHE.computeIfAbsent(
                key, k -> parse(resource(k + ".yaml"), "built-in device profile " + k));
    }

    /** A built-in name, or else a path to a YAML file. */
    public static DeviceProfile resolve(String nameOrPath) {
        if (nameOrPath != null && BUILTIN.contains(nameOrPath.trim().toLowerCase(Locale.ROOT))) {
            return builtin(nameOrPath);
        }
        Path p = Path.of(nameOrPath == null ? "" : nameOrPath.trim());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(
                    "device profile '"
                            + nameOrPath
                            + "' is neither a built-in profile ("
                            + String.join(", ", BUILTIN)
                            + ") nor an existing file");
        }
        return load(p);
    }

    /** Reads a profile file. */
    public static DeviceProfile load(Path file) {
        return parse(read(file, "device profile"), "device profile " + file);
    }

    /**
     * Parses a profile.
     *
     * @param yaml the YAML text
     * @param origin what it is, used to start error messages (e.g. "device profile x.yaml")
     */
    public static DeviceProfile parse(String yaml, String origin) {
        YamlFields y = new YamlFields(origin);
        JsonNode root = y.parse(yaml);
        y.onlyFields(root, "", "name", "description", "gpu", "radio", "uplinkRatesBps");
        String name = y.text(root, "name", "", null).trim();
        String description = y.text(root, "description", "", "");
        GpuModel gpu = gpu(y, y.object(root, "gpu", "", true));
        RadioModel radio = radio(y, y.object(root, "radio", "", true));
        List<Double> rates = y.numbers(root, "uplinkRatesBps", "", false);
        try {
            return new DeviceProfile(name, description, gpu, radio, rates);
        } catch (IllegalArgumentException e) {
            throw y.error("profile", e);
        }
    }

    private static GpuModel gpu(YamlFields y, JsonNode gpu) {
        y.onlyFields(
                gpu,
                "gpu",
                "clocksHz",
                "power",
                "idleW",
                "computeBoundFraction",
                "macsPerSecondAtMax");
        List<Double> raw = y.numbers(gpu, "clocksHz", "gpu", true);
        List<Long> clocks = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            double c = raw.get(i);
            if (c != Math.rint(c) || Double.isInfinite(c)) {
                throw y.error("gpu.clocksHz[" + i + "]", "must be a whole number of Hz, got " + c);
            }
            clocks.add((long) c);
        }
        JsonNode p = y.object(gpu, "power", "gpu", true);
        PowerModel power;
        try {
            if (y.has(p, "tableW")) {
                y.onlyFields(p, "gpu.power", "tableW");
                power = new PowerModel.Table(y.numbers(p, "tableW", "gpu.power", true));
            } else {
                y.onlyFields(p, "gpu.power", "p0W", "kappaWPerGHz3");
                power =
                        new PowerModel.Cubic(
                                y.number(p, "p0W", "gpu.power", null),
                                y.number(p, "kappaWPerGHz3", "gpu.power", null));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains(": gpu.power")) {
                throw e;
            }
            throw y.error("gpu.power", e);
        }
        try {
            return new GpuModel(
                    clocks,
                    power,
                    y.number(gpu, "idleW", "gpu", null),
                    y.number(gpu, "computeBoundFraction", "gpu", null),
                    y.number(gpu, "macsPerSecondAtMax", "gpu", null));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains(": gpu.")) {
                throw e;
            }
            throw y.error("gpu", e);
        }
    }

    private static RadioModel radio(YamlFields y, JsonNode radio) {
        String type = y.text(radio, "type", "radio", null).trim().toLowerCase(Locale.ROOT);
        try {
            switch (type) {
                case "lte", "wifi", "linear" -> {
                    y.onlyFields(radio, "radio", "type", "alphaWPerMbps", "betaW");
                    RadioModel.Linear d =
                            type.equals("lte")
                                    ? RadioModel.lte()
                                    : type.equals("wifi") ? RadioModel.wifi() : null;
                    Double alphaDefault = d == null ? null : d.alphaWPerBps() * 1e6;
                    Double betaDefault = d == null ? null : d.betaW();
                    double alphaPerMbps = y.number(radio, "alphaWPerMbps", "radio", alphaDefault);
                    double beta = y.number(radio, "betaW", "radio", betaDefault);
                    return new RadioModel.Linear(type, alphaPerMbps / 1e6, beta);
                }
                case "shannon" -> {
                    y.onlyFields(
                            radio, "radio", "type", "bandwidthHz", "noiseOverGainW", "circuitW");
                    return new RadioModel.Shannon(
                            y.number(radio, "bandwidthHz", "radio", null),
                            y.number(radio, "noiseOverGainW", "radio", null),
                            y.number(radio, "circuitW", "radio", 0.0));
                }
                default ->
                        throw y.error(
                                "radio.type",
                                "'"
                                        + type
                                        + "' is not a radio type (use lte, wifi, linear or shannon)");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains(": radio")) {
                throw e;
            }
            throw y.error("radio", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = DeviceProfiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + name + " is missing from the edgesplit-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
