package io.edgesplit.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the demo runs.
 *
 * @param devices simulated devices
 * @param duration length of the frame stream
 * @param policies policies, assigned to devices round robin
 * @param model built-in model name
 * @param fps frames per second per device
 * @param batchSize tail micro-batch size
 * @param uiPort Flink web UI port (the next free one if taken)
 * @param outDir where results and the summary go
 * @param speed replay speed (2 = twice real time)
 * @param deviceTypes device profiles, assigned round robin
 * @param uplinkGoodBps good-state uplink of the Gilbert-Elliott trace of each device
 * @param uplinkBadBps bad-state uplink
 * @param seed seed of the scenario
 * @param injectBad whether to inject three bad records (two dead letters, one FAILED frame)
 * @param parallelism Flink parallelism
 * @param extra more job options (key=value)
 * @param dashboard whether to serve the live dashboard page
 * @param dashboardPort its port on localhost (the next free one if taken, 0 = any free one)
 * @param linger how long the dashboard stays up after the summary (zero: it stops with the demo)
 * @param plan a multi-device plan to run as the pipeline job instead of the two-party job, or null
 */
public record DemoOptions(
        int devices,
        Duration duration,
        List<String> policies,
        String model,
        double fps,
        int batchSize,
        int uiPort,
        Path outDir,
        double speed,
        List<String> deviceTypes,
        double uplinkGoodBps,
        double uplinkBadBps,
        long seed,
        boolean injectBad,
        int parallelism,
        java.util.Map<String, String> extra,
        boolean dashboard,
        int dashboardPort,
        Duration linger,
        Path plan) {

    public DemoOptions {
        policies = List.copyOf(policies);
        deviceTypes = List.copyOf(deviceTypes);
        extra = java.util.Map.copyOf(extra);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + speed);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw new IllegalArgumentException("--ui-port must be a TCP port, got " + uiPort);
        }
        if (!(uplinkGoodBps > 0) || !(uplinkBadBps >= 0)) {
            throw new IllegalArgumentException(
                    "--uplink rates must be positive, got " + uplinkGoodBps + " / " + uplinkBadBps);
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("--policy names no policy");
        }
        if (dashboardPort < 0 || dashboardPort > 65535) {
            throw new IllegalArgumentException(
                    "--dashboard-port must be a TCP port (0 = any free one), got " + dashboardPort);
        }
        if (linger == null || linger.isNegative()) {
            throw new IllegalArgumentException("--linger must be a duration >= 0, got " + linger);
        }
        if (!dashboard && !linger.isZero()) {
            throw new IllegalArgumentException(
                    "--linger keeps the dashboard up, but --no-dashboard turns it off: drop one");
        }
    }
}
