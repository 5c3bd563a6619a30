package io.edgesplit.job.config;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.ControllerSetting;
import io.edgesplit.core.controller.DeviceController;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.inference.ProfileCheck;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelSource;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the job's options once, at submission, into an {@link EdgeJobConfig}: reads the files they
 * name, checks names against what exists, and derives a MAC-based profile for each model that has
 * no measured one. Every problem is one line naming the option and the value.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** edgesplit.controller.* keys of the job itself (the rest belong to the core controller). */
    private static final Set<String> JOB_CONTROLLER_KEYS =
            Set.of(
                    EdgeJobOptions.DEVICE_POLICIES.key(),
                    EdgeJobOptions.DEFAULT_DEVICE_TYPE.key(),
                    EdgeJobOptions.DEFAULT_UPLINK_BPS.key(),
                    EdgeJobOptions.DEVICE_PROFILES.key(),
                    EdgeJobOptions.EDGE_SERVER.key(),
                    EdgeJobOptions.IDLE_TIMEOUT.key());

    private ConfigLoader() {}

    public static EdgeJobConfig load(Configuration conf) {
        EdgeJobConfig.Builder b = EdgeJobConfig.builder();
        b.mode(JobMode.parse(conf.get(EdgeJobOptions.MODE)));

        Map<String, String> models = models(conf.get(EdgeJobOptions.MODELS));
        models.forEach(b::model);
        profiles(conf, models).forEach(b::profileJson);
        devices(conf, b);
        edgeServer(conf, b);
        policies(conf, b);
        b.controller(ControllerConfig.fromMap(controllerOptions(conf)));

        b.idleTimeoutMs(conf.get(EdgeJobOptions.IDLE_TIMEOUT).toMillis());
        b.outOfOrdernessMs(conf.get(EdgeJobOptions.OUT_OF_ORDERNESS).toMillis());
        b.sourceIdlenessMs(conf.get(EdgeJobOptions.SOURCE_IDLENESS).toMillis());
        b.maxFrameBytes(conf.get(EdgeJobOptions.MAX_FRAME_BYTES));
        String provider = conf.get(EdgeJobOptions.PROVIDER);
        io.edgesplit.onnx.runtime.ExecutionProvider.parse(provider);
        b.provider(provider);
        b.batchSize(conf.get(EdgeJobOptions.BATCH_SIZE));
        b.batchTimeoutMs(conf.get(EdgeJobOptions.BATCH_TIMEOUT).toMillis());
        b.threads(conf.get(EdgeJobOptions.THREADS));
        b.sessionCache(conf.get(EdgeJobOptions.SESSION_CACHE));
        b.gpuResource(conf.get(EdgeJobOptions.GPU_RESOURCE));
        return b.build();
    }

    /** Model id to profile JSON: the files given, MAC-derived profiles for the rest. */
    private static Map<String, String> profiles(Configuration conf, Map<String, String> models) {
        Map<String, String> profiles = new LinkedHashMap<>();
        for (String file : conf.getOptional(EdgeJobOptions.PROFILES).orElse(List.of())) {
            ModelProfile p = ModelProfileJson.read(Path.of(file.trim()));
            if (!models.containsKey(p.modelId())) {
                throw new IllegalArgumentException(
                        "profile "
                                + file
                                + " is for model '"
                                + p.modelId()
                                + "', which the job does not serve ("
                                + EdgeJobOptions.MODELS.key()
                                + " = "
                                + String.join(",", models.keySet())
                                + ")");
            }
            // the controller decides cut indexes from this profile, the operators split by the
            // model's analysis: both must name the same tensors at every index
            ProfileCheck.requireSameCuts(
                    p, ModelAnalyzer.analyze(ModelSource.resolve(models.get(p.modelId())), null));
            profiles.put(p.modelId(), ModelProfileJson.toJson(p));
        }
        for (Map.Entry<String, String> m : models.entrySet()) {
            if (!profiles.containsKey(m.getKey())) {
                profiles.put(
                        m.getKey(), ModelProfileJson.toJson(macProfile(m.getKey(), m.getValue())));
            }
        }
        return profiles;
    }

    /** Extra device profiles, the default device type and uplink rate. */
    private static void devices(Configuration conf, EdgeJobConfig.Builder b) {
        Set<String> deviceTypes = new TreeSet<>(DeviceProfiles.builtinNames());
        for (String file : conf.getOptional(EdgeJobOptions.DEVICE_PROFILES).orElse(List.of())) {
            String yaml = read(Path.of(file.trim()), EdgeJobOptions.DEVICE_PROFILES.key());
            DeviceProfile p = DeviceProfiles.parse(yaml, "device profile " + file);
            b.deviceProfile(p);
            deviceTypes.add(p.name());
        }
        String defaultType = conf.get(EdgeJobOptions.DEFAULT_DEVICE_TYPE);
        if (!deviceTypes.contains(defaultType)) {
            throw new IllegalArgumentException(
                    EdgeJobOptions.DEFAULT_DEVICE_TYPE.key()
                            + " = '"
                            + defaultType
                            + "' is not a device profile: use one of "
                            + String.join(", ", deviceTypes));
        }
        b.defaultDeviceType(defaultType);
        b.defaultUplinkBps(conf.get(EdgeJobOptions.DEFAULT_UPLINK_BPS));
    }

    /** A built-in edge server name, or a YAML file read and parsed now. */
    private static void edgeServer(Configuration conf, EdgeJobConfig.Builder b) {
        String edge = conf.get(EdgeJobOptions.EDGE_SERVER).trim();
        if (EdgeServerProfiles.builtinNames().contains(edge)) {
            b.edgeServer(edge);
        } else {
            String yaml = read(Path.of(edge), EdgeJobOptions.EDGE_SERVER.key());
            b.edgeServer(EdgeServerProfiles.parse(yaml, "edge server profile " + edge));
        }
    }

    /** The default policy and the per-device ones, each checked against the policy names. */
    private static void policies(Configuration conf, EdgeJobConfig.Builder b) {
        String policy = checkPolicy(EdgeJobOptions.POLICY.key(), conf.get(EdgeJobOptions.POLICY));
        b.defaultPolicy(policy);
        for (String entry : conf.getOptional(EdgeJobOptions.DEVICE_POLICIES).orElse(List.of())) {
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(
                        EdgeJobOptions.DEVICE_POLICIES.key()
                                + ": '"
                                + entry
                                + "' is not deviceId=policy");
            }
            b.devicePolicy(
                    kv[0].trim(), checkPolicy(EdgeJobOptions.DEVICE_POLICIES.key(), kv[1].trim()));
        }
    }

    /** Device types the job accepts in telemetry: built-in ones and those shipped in the config. */
    public static Set<String> deviceTypes(EdgeJobConfig config) {
        Set<String> types = new LinkedHashSet<>(DeviceProfiles.builtinNames());
        types.addAll(config.deviceProfiles().keySet());
        return Set.copyOf(types);
    }

    /** "name" or "id=path" entries to id -> source; checks names and files exist. */
    static Map<String, String> models(List<String> entries) {
        Map<String, String> models = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String id;
            String source;
            int eq = entry.indexOf('=');
            if (eq >= 0) {
                id = entry.substring(0, eq).trim();
                source = entry.substring(eq + 1).trim();
                if (id.isEmpty() || !Files.isRegularFile(Path.of(source))) {
                    throw new IllegalArgumentException(
                            EdgeJobOptions.MODELS.key()
                                    + ": '"
                                    + entry
                                    + "' must be id=/path/to/model.onnx with an existing file");
                }
            } else {
                if (!ModelZoo.contains(entry)) {
                    throw new IllegalArgumentException(
                            EdgeJobOptions.MODELS.key()
                                    + ": unknown model '"
                                    + entry
                                    + "': built-in models are "
                                    + String.join(", ", ModelZoo.names())
                                    + " (or give id=/path/to/model.onnx)");
                }
                id = entry;
                source = entry;
            }
            models.put(id, source);
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException(EdgeJobOptions.MODELS.key() + " names no model");
        }
        return models;
    }

    /** A profile from the graph alone: bytes and MACs per cut, latencies left to the cost model. */
    public static ModelProfile macProfile(String id, String source) {
        long start = System.nanoTime();
        OnnxModel model = ModelSource.resolve(source);
        ModelProfile p = ModelAnalyzer.analyze(model, null).toProfile();
        if (!p.modelId().equals(id)) {
            p =
                    new ModelProfile(
                            id, p.input(), p.output(), p.totalMacs(), p.measuredOn(), p.cuts());
        }
        LOG.info(
                "model {}: no measured profile, using MACs and bytes of its {} cuts (analysed in {} ms)",
                id,
                p.cuts().size(),
                (System.nanoTime() - start) / 1_000_000);
        return p;
    }

    private static String checkPolicy(String key, String name) {
        if (!Policies.onlineNames().contains(name)) {
            throw new IllegalArgumentException(
                    key
                            + (Policies.names().contains(name)
                                    ? ": policy '" + name + "' needs the whole trace in advance"
                                    : ": unknown policy '" + name + "'")
                            + ": use one of "
                            + String.join(", ", Policies.onlineNames()));
        }
        return name;
    }

    /**
     * edgesplit.controller.* keys for the core controller; unknown keys fail with the valid ones.
     */
    static Map<String, String> controllerOptions(Configuration conf) {
        Set<String> coreKeys =
                ControllerConfig.SETTINGS.stream()
                        .map(ControllerSetting::key)
                        .collect(Collectors.toSet());
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(ControllerConfig.PREFIX) || JOB_CONTROLLER_KEYS.contains(k)) {
                continue;
            }
            if (!coreKeys.contains(k)) {
                TreeSet<String> valid = new TreeSet<>(coreKeys);
                valid.addAll(JOB_CONTROLLER_KEYS);
                throw new IllegalArgumentException(
                        "unknown option '"
                                + k
                                + "': controller options are "
                                + String.join(", ", valid));
            }
            out.put(k, e.getValue());
        }
        // the job decides per frame: allow-idle is off unless asked for (see PER_FRAME_DEFAULTS)
        DeviceController.PER_FRAME_DEFAULTS.forEach(out::putIfAbsent);
        return out;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
