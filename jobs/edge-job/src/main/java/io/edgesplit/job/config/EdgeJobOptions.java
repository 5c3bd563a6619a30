package io.edgesplit.job.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the edge job. Keys are hierarchical ({@code edgesplit.<area>.<name>}); the same keys
 * work as {@code -Dkey=value} on the command line and in a Flink {@code config.yaml}.
 */
public final class EdgeJobOptions {

    private EdgeJobOptions() {}

    public static final ConfigOption<String> MODE =
            ConfigOptions.key("edgesplit.job.mode")
                    .stringType()
                    .defaultValue("replay")
                    .withDescription(
                            "replay: frames arrive raw and the job emulates the device (runs the head, charges time and energy);"
                                    + " live: devices send activations at a cut and the job runs the tail.");

    public static final ConfigOption<List<String>> MODELS =
            ConfigOptions.key("edgesplit.job.models")
                    .stringType()
                    .asList()
                    .defaultValues("mobilenetv2")
                    .withDescription(
                            "Models the job serves: built-in names (see `edgesplit models`) or id=/path/model.onnx"
                                    + " (the path must be readable on every TaskManager).");

    public static final ConfigOption<String> PLAN =
            ConfigOptions.key("edgesplit.job.plan")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A multi-device plan (`edgesplit plan --out FILE`): run it as a k-stage pipeline job on the frames topic"
                                    + " instead of the two-party job (see docs/pipeline.md).");

    public static final ConfigOption<List<String>> PROFILES =
            ConfigOptions.key("edgesplit.job.profiles")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Model profile JSON files (`edgesplit profile --json`) read at submission;"
                                    + " models without one get a MAC-based profile. Updates arrive on the profiles topic.");

    public static final ConfigOption<String> POLICY =
            ConfigOptions.key("edgesplit.controller.policy")
                    .stringType()
                    .defaultValue("cutedge")
                    .withDescription(
                            "Partitioning policy for devices without a per-device policy.");

    public static final ConfigOption<List<String>> DEVICE_POLICIES =
            ConfigOptions.key("edgesplit.controller.device-policies")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Per-device policies as deviceId=policy, e.g. cam-1=edge-only.");

    public static final ConfigOption<String> DEFAULT_DEVICE_TYPE =
            ConfigOptions.key("edgesplit.controller.default-device-type")
                    .stringType()
                    .defaultValue("jetson-tx2")
                    .withDescription(
                            "Device profile used until a device's telemetry names its type.");

    public static final ConfigOption<Double> DEFAULT_UPLINK_BPS =
            ConfigOptions.key("edgesplit.controller.default-uplink-bps")
                    .doubleType()
                    .defaultValue(10e6)
                    .withDescription(
                            "Uplink capacity assumed until a device's first telemetry arrives (bit/s).");

    public static final ConfigOption<String> EDGE_SERVER =
            ConfigOptions.key("edgesplit.controller.edge-server")
                    .stringType()
                    .defaultValue("edge-gpu")
                    .withDescription(
                            "Edge server profile (edge-gpu, edge-cpu or a YAML file) used for tail times a model profile does not measure.");

    public static final ConfigOption<List<String>> DEVICE_PROFILES =
            ConfigOptions.key("edgesplit.controller.device-profiles")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Extra device profile files (YAML), read at submission, beside the built-in ones.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT =
            ConfigOptions.key("edgesplit.controller.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Event-time silence after which a device's controller state is cleared.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("edgesplit.job.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Watermark bound on how late telemetry and frames may arrive.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            ConfigOptions.key("edgesplit.job.source-idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "A Kafka partition without records for this long releases its last events (watermark to its newest event time) and stops holding back the watermark.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("edgesplit.job.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "Checkpoint interval when Flink's execution.checkpointing.interval is not set."
                                    + " Exactly-once results become visible to read_committed consumers at each checkpoint.");

    public static final ConfigOption<Integer> MAX_FRAME_BYTES =
            ConfigOptions.key("edgesplit.job.max-frame-bytes")
                    .intType()
                    .defaultValue(16 * 1024 * 1024)
                    .withDescription("Frames whose tensors carry more bytes fail with a reason.");

    public static final ConfigOption<String> PROVIDER =
            ConfigOptions.key("edgesplit.inference.provider")
                    .stringType()
                    .defaultValue("auto")
                    .withDescription(
                            "cpu, cuda or auto. cuda fails fast without a usable GPU; auto falls back to CPU with one log line."
                                    + " The GPU index comes from Flink's external resource 'gpu'.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("edgesplit.inference.batch-size")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Largest tail micro-batch (frames with the same model and cut); 1 disables batching.");

    public static final ConfigOption<Duration> BATCH_TIMEOUT =
            ConfigOptions.key("edgesplit.inference.batch-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(20))
                    .withDescription("Longest a frame waits for its micro-batch to fill.");

    public static final ConfigOption<Integer> THREADS =
            ConfigOptions.key("edgesplit.inference.threads")
                    .intType()
                    .defaultValue(1)
                    .withDescription("ONNX Runtime intra-op threads per session.");

    public static final ConfigOption<Integer> SESSION_CACHE =
            ConfigOptions.key("edgesplit.inference.session-cache")
                    .intType()
                    .defaultValue(32)
                    .withDescription(
                            "ONNX Runtime sessions kept open per operator instance (least recently used closed first).");

    public static final ConfigOption<String> GPU_RESOURCE =
            ConfigOptions.key("edgesplit.inference.gpu-resource")
                    .stringType()
                    .defaultValue("gpu")
                    .withDescription(
                            "Name of Flink's external resource that lists the TaskManager's GPUs.");
}
