package io.edgesplit.onnx.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** "host (N cpus, os/arch)" for {@link io.edgesplit.core.model.Measurement#host()}. */
final class HostDescription {

    private HostDescription() {}

    static String get() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return host
                + " ("
                + Runtime.getRuntime().availableProcessors()
                + " cpus, "
                + System.getProperty("os.name")
                + "/"
                + System.getProperty("os.arch")
                + ")";
    }
}
