package io.edgesplit.job.functions;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.job.config.EdgeJobConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The core objects an operator needs, built from the job configuration in {@code open()}: the
 * controller settings, device profiles (built-in plus those shipped as YAML text) and the edge
 * server profile.
 */
final class JobComponents {

    private final ControllerConfig controllerConfig;
    private final Map<String, DeviceProfile> extraDevices = new HashMap<>();
    private final EdgeServerProfile edgeServer;

    private JobComponents(EdgeJobConfig config) {
        this.controllerConfig = ControllerConfig.fromMap(config.controllerOptions());
        for (Map.Entry<String, String> e : config.deviceProfilesYaml().entrySet()) {
            extraDevices.put(
                    e.getKey(), DeviceProfiles.parse(e.getValue(), "device profile " + e.getKey()));
        }
        this.edgeServer = edgeServer(config.edgeServer());
    }

    static JobComponents of(EdgeJobConfig config) {
        return new JobComponents(config);
    }

    /** A built-in name, or the YAML text of an edge server profile. */
    static EdgeServerProfile edgeServer(String nameOrYaml) {
        return EdgeServerProfiles.builtinNames().contains(nameOrYaml)
                ? EdgeServerProfiles.builtin(nameOrYaml)
                : EdgeServerProfiles.parse(nameOrYaml, "edge server profile");
    }

    ControllerConfig controllerConfig() {
        return controllerConfig;
    }

    EdgeServerProfile edgeServer() {
        return edgeServer;
    }

    /** A device profile by the name telemetry uses: shipped ones first, then built-in ones. */
    DeviceProfile deviceProfile(String name) {
        DeviceProfile p = extraDevices.get(name);
        return p != null ? p : DeviceProfiles.builtin(name);
    }
}
