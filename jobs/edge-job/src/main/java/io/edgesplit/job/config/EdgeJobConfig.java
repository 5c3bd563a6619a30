package io.edgesplit.job.config;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The job's validated, immutable configuration, parsed once at submission and handed to the
 * operators through their constructors. Files named in options (profiles, device profiles, the edge
 * server) are read and parsed at submission and carried as values, so TaskManagers need no access
 * to them and no operator parses configuration again in {@code open()}.
 *
 * @param mode replay (emulate the device) or live (devices send activations)
 * @param models model id to model source: a built-in zoo name or a path to an .onnx file
 * @param profilesJson model id to initial ModelProfile JSON
 * @param defaultPolicy policy for devices without their own
 * @param devicePolicies device id to policy
 * @param defaultDeviceType device profile used until telemetry names one
 * @param defaultUplinkBps uplink capacity until the first telemetry, bit/s
 * @param edgeServer the edge server profile (a built-in one or parsed from YAML at submission)
 * @param deviceProfiles extra device profiles by name, parsed at submission
 * @param controller the core controller settings, parsed at submission
 * @param idleTimeoutMs event-time silence after which a device's state is cleared
 * @param outOfOrdernessMs watermark out-of-orderness bound
 * @param sourceIdlenessMs source idleness timeout
 * @param maxFrameBytes frames with more tensor bytes fail
 * @param provider cpu, cuda or auto
 * @param batchSize largest tail micro-batch
 * @param batchTimeoutMs longest wait for a micro-batch to fill
 * @param threads ONNX Runtime intra-op threads per session
 * @param sessionCache sessions kept open per operator instance
 * @param gpuResource Flink external resource name listing GPUs
 */
public record EdgeJobConfig(
        JobMode mode,
        Map<String, String> models,
        Map<String, String> profilesJson,
        String defaultPolicy,
        Map<String, String> devicePolicies,
        String defaultDeviceType,
        double defaultUplinkBps,
        EdgeServerProfile edgeServer,
        Map<String, DeviceProfile> deviceProfiles,
        ControllerConfig controller,
        long idleTimeoutMs,
        long outOfOrdernessMs,
        long sourceIdlenessMs,
        int maxFrameBytes,
        String provider,
        int batchSize,
        long batchTimeoutMs,
        int threads,
        int sessionCache,
        String gpuResource)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public EdgeJobConfig {
        Objects.requireNonNull(mode, "mode");
        models = Map.copyOf(models);
        profilesJson = Map.copyOf(profilesJson);
        devicePolicies = Map.copyOf(devicePolicies);
        deviceProfiles = Map.copyOf(deviceProfiles);
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        Objects.requireNonNull(defaultDeviceType, "defaultDeviceType");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(edgeServer, "edgeServer");
        if (models.isEmpty()) {
            throw new IllegalArgumentException(
                    "no models configured: set "
                            + EdgeJobOptions.MODELS.key()
                            + " (e.g. mobilenetv2)");
        }
        requirePositive(EdgeJobOptions.BATCH_SIZE.key(), batchSize);
        requirePositive(EdgeJobOptions.THREADS.key(), threads);
        requirePositive(EdgeJobOptions.SESSION_CACHE.key(), sessionCache);
        requirePositive(EdgeJobOptions.MAX_FRAME_BYTES.key(), maxFrameBytes);
        if (!(defaultUplinkBps > 0) || Double.isInfinite(defaultUplinkBps)) {
            throw new IllegalArgumentException(
                    EdgeJobOptions.DEFAULT_UPLINK_BPS.key()
                            + " must be a positive number of bit/s, got "
                            + defaultUplinkBps);
        }
        if (batchTimeoutMs < 0
                || idleTimeoutMs <= 0
                || outOfOrdernessMs < 0
                || sourceIdlenessMs <= 0) {
            throw new IllegalArgumentException(
                    "durations must be positive (batch timeout may be 0): batch-timeout="
                            + batchTimeoutMs
                            + "ms idle-timeout="
                            + idleTimeoutMs
                            + "ms out-of-orderness="
                            + outOfOrdernessMs
                            + "ms source-idleness="
                            + sourceIdlenessMs
                            + "ms");
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + value);
        }
    }

    /** The policy of a device. */
    public String policyFor(String deviceId) {
        return devicePolicies.getOrDefault(deviceId, defaultPolicy);
    }

    /** A device profile by the name telemetry uses: shipped ones first, then built-in ones. */
    public DeviceProfile deviceProfile(String name) {
        DeviceProfile p = deviceProfiles.get(name);
        return p != null ? p : DeviceProfiles.builtin(name);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.models.putAll(models);
        b.profilesJson.putAll(profilesJson);
        b.defaultPolicy = defaultPolicy;
        b.devicePolicies.putAll(devicePolicies);
        b.defaultDeviceType = defaultDeviceType;
        b.defaultUplinkBps = defaultUplinkBps;
        b.edgeServer = edgeServer;
        b.deviceProfiles.putAll(deviceProfiles);
        b.controller = controller;
        b.idleTimeoutMs = idleTimeoutMs;
        b.outOfOrdernessMs = outOfOrdernessMs;
        b.sourceIdlenessMs = sourceIdlenessMs;
        b.maxFrameBytes = maxFrameBytes;
        b.provider = provider;
        b.batchSize = batchSize;
        b.batchTimeoutMs = batchTimeoutMs;
        b.threads = threads;
        b.sessionCache = sessionCache;
        b.gpuResource = gpuResource;
        return b;
    }

    /** Builder with the option defaults of {@link EdgeJobOptions}. */
    public static final class Builder {
        private JobMode mode = JobMode.parse(EdgeJobOptions.MODE.defaultValue());
        private final Map<String, String> models = new LinkedHashMap<>();
        private final Map<String, String> profilesJson = new LinkedHashMap<>();
        private String defaultPolicy = EdgeJobOptions.POLICY.defaultValue();
        private final Map<String, String> devicePolicies = new LinkedHashMap<>();
        private String defaultDeviceType = EdgeJobOptions.DEFAULT_DEVICE_TYPE.defaultValue();
        private double defaultUplinkBps = EdgeJobOptions.DEFAULT_UPLINK_BPS.defaultValue();
        private EdgeServerProfile edgeServer =
                EdgeServerProfiles.builtin(EdgeJobOptions.EDGE_SERVER.defaultValue());
        private final Map<String, DeviceProfile> deviceProfiles = new LinkedHashMap<>();
        private ControllerConfig controller = ControllerConfig.DEFAULTS;
        private final Map<String, String> controllerOptions = new LinkedHashMap<>();
        private long idleTimeoutMs = EdgeJobOptions.IDLE_TIMEOUT.defaultValue().toMillis();
        private long outOfOrdernessMs = EdgeJobOptions.OUT_OF_ORDERNESS.defaultValue().toMillis();
        private long sourceIdlenessMs = EdgeJobOptions.SOURCE_IDLENESS.defaultValue().toMillis();
        private int maxFrameBytes = EdgeJobOptions.MAX_FRAME_BYTES.defaultValue();
        private String provider = EdgeJobOptions.PROVIDER.defaultValue();
        private int batchSize = EdgeJobOptions.BATCH_SIZE.defaultValue();
        private long batchTimeoutMs = EdgeJobOptions.BATCH_TIMEOUT.defaultValue().toMillis();
        private int threads = EdgeJobOptions.THREADS.defaultValue();
        private int sessionCache = EdgeJobOptions.SESSION_CACHE.defaultValue();
        private String gpuResource = EdgeJobOptions.GPU_RESOURCE.defaultValue();

        private Builder() {}

        public Builder mode(JobMode v) {
            mode = v;
            return this;
        }

        public Builder model(String id, String source) {
            models.put(id, source);
            return this;
        }

        public Builder profileJson(String modelId, String json) {
            profilesJson.put(modelId, json);
            return this;
        }

        public Builder defaultPolicy(String v) {
            defaultPolicy = v;
            return this;
        }

        public Builder devicePolicy(String deviceId, String policy) {
            devicePolicies.put(deviceId, policy);
            return this;
        }

        public Builder defaultDeviceType(String v) {
            defaultDeviceType = v;
            return this;
        }

        public Builder defaultUplinkBps(double v) {
            defaultUplinkBps = v;
            return this;
        }

        /** A built-in edge server name, or the YAML text of an edge server profile. */
        public Builder edgeServer(String nameOrYaml) {
            return edgeServer(
                    EdgeServerProfiles.builtinNames().contains(nameOrYaml)
                            ? EdgeServerProfiles.builtin(nameOrYaml)
                            : EdgeServerProfiles.parse(nameOrYaml, "edge server profile"));
        }

        public Builder edgeServer(EdgeServerProfile v) {
            edgeServer = Objects.requireNonNull(v, "edgeServer");
            return this;
        }

        public Builder deviceProfile(DeviceProfile p) {
            deviceProfiles.put(p.name(), p);
            return this;
        }

        /** The controller settings the options of {@link #controllerOption} apply to. */
        public Builder controller(ControllerConfig v) {
            controller = Objects.requireNonNull(v, "controller");
            return this;
        }

        /** One {@code edgesplit.controller.*} option, parsed with the others at {@link #build}. */
        public Builder controllerOption(String key, String value) {
            controllerOptions.put(key, value);
            return this;
        }

        public Builder idleTimeoutMs(long v) {
            idleTimeoutMs = v;
            return this;
        }

        public Builder outOfOrdernessMs(long v) {
            outOfOrdernessMs = v;
            return this;
        }

        public Builder sourceIdlenessMs(long v) {
            sourceIdlenessMs = v;
            return this;
        }

        public Builder maxFrameBytes(int v) {
            maxFrameBytes = v;
            return this;
        }

        public Builder provider(String v) {
            provider = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder batchTimeoutMs(long v) {
            batchTimeoutMs = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder sessionCache(int v) {
            sessionCache = v;
            return this;
        }

        public Builder gpuResource(String v) {
            gpuResource = v;
            return this;
        }

        public EdgeJobConfig build() {
            return new EdgeJobConfig(
                    mode,
                    models,
                    profilesJson,
                    defaultPolicy,
                    devicePolicies,
                    defaultDeviceType,
                    defaultUplinkBps,
                    edgeServer,
                    deviceProfiles,
                    ControllerConfig.fromMap(controllerOptions, controller),
                    idleTimeoutMs,
                    outOfOrdernessMs,
                    sourceIdlenessMs,
                    maxFrameBytes,
                    provider,
                    batchSize,
                    batchTimeoutMs,
                    threads,
                    sessionCache,
                    gpuResource);
        }
    }
}
