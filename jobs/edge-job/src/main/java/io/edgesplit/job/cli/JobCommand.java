package io.edgesplit.job.cli;

import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.demo.DemoRunner;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.JobTopics;
import io.edgesplit.kafka.client.KafkaClusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgesplit job}: the edge job against an existing Kafka cluster, on an embedded Flink. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the edge job against a Kafka cluster, on an embedded Flink MiniCluster with its web UI."
                    + " It reads telemetry, frames and profiles and writes decisions, results and dead letters"
                    + " (topic names and every other option: -D key=value, see docs/configuration.md).",
            "To run on a Flink cluster instead, submit the job jar: flink run jobs/edge-job/target/edgesplit-job.jar --bootstrap HOST:PORT ..."
        })
public final class JobCommand implements Callable<Integer> {

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--models",
            paramLabel = "M[,M...]",
            description =
                    "Models to serve: built-in names or id=/path/model.onnx (default: mobilenetv2).")
    String models;

    @Option(names = "--policy", description = "Partitioning policy (default: cutedge).")
    String policy;

    @Option(
            names = "--mode",
            description =
                    "replay (raw frames, emulate the device) or live (activations from devices); default replay.")
    String mode;

    @Option(
            names = "--ui-port",
            defaultValue = "8081",
            description =
                    "Flink web UI port; the next free one if taken, 0 = any (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--create-topics",
            description =
                    "Create the job's topics that do not exist (telemetry and frames with 2"
                            + " partitions, the others with 1).")
    boolean createTopics;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description = "Any job or Flink option, e.g. -D edgesplit.controller.v=50.")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Configuration conf = new Configuration();
        options.forEach(conf::setString);
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        if (models != null) {
            conf.setString("edgesplit.job.models", models);
        }
        if (policy != null) {
            conf.setString("edgesplit.controller.policy", policy);
        }
        if (mode != null) {
            conf.setString("edgesplit.job.mode", mode);
        }
        int port = DemoRunner.freePort(uiPort);
        conf.set(RestOptions.PORT, port);
        conf = EdgeJobMain.withJobDefaults(conf);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        EdgeJobMain.wire(env, conf);
        // after wire (which validates the configuration offline), before Flink starts
        if (createTopics) {
            JobTopics.createMissing(
                    bootstrap, conf, line -> System.err.println("edgesplit job: " + line));
        }
        requireInputTopics(EdgesplitTopics.fromConfig(conf));
        System.err.printf(
                "edgesplit job: reading from %s, Flink web UI http://localhost:%d (Ctrl-C stops)%n",
                bootstrap, port);
        env.execute(EdgeJobMain.JOB_NAME);
        return 0;
    }

    /**
     * Fails in one line, before Flink starts, when the cluster does not answer or lacks an input
     * topic: the job's Kafka sources would otherwise fail and restart without end.
     */
    private void requireInputTopics(EdgesplitTopics topics) {
        List<String> missing;
        try (Admin admin = KafkaClusters.admin(bootstrap, "edgesplit-job-check")) {
            Set<String> existing =
                    KafkaClusters.topicNames(admin, bootstrap, KafkaClusters.ANSWER_TIMEOUT);
            missing =
                    Stream.of(topics.telemetry(), topics.frames(), topics.profiles())
                            .filter(t -> !existing.contains(t))
                            .toList();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "input topic(s) "
                            + String.join(", ", missing)
                            + " do not exist on "
                            + bootstrap
                            + ": create them, or name others with -D edgesplit.kafka.topic.*=NAME"
                            + " ('edgesplit broker' creates the default ones)");
        }
    }
}
