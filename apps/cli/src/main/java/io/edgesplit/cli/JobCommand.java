package io.edgesplit.cli;

import io.edgesplit.cli.demo.DemoRunner;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.pipeline.PipelineJobMain;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.JobLease;
import io.edgesplit.kafka.client.JobTopics;
import io.edgesplit.kafka.client.KafkaAccess;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.client.KafkaClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edgesplit job}: the edge job against an existing Kafka cluster, on an embedded Flink. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the edge job against a Kafka cluster, on an embedded Flink MiniCluster with its web UI."
                    + " It reads telemetry, frames and profiles and writes decisions, results and dead letters"
                    + " (topic names and every other option: -D key=value, see docs/configuration.md).",
            "Checkpoints go to --state-dir; started again on the same directory (after Ctrl-C, a crash"
                    + " or kill -9) the job resumes from the latest one, committing what that"
                    + " checkpoint had pre-committed: no result is lost or written twice. See"
                    + " docs/restarts.md.",
            "To run on a Flink cluster instead, submit the job jar: flink run jobs/edge-job/target/edgesplit-job.jar --bootstrap HOST:PORT ..."
        })
public final class JobCommand implements Callable<Integer> {

    /** How long a killed run's lease outlives it. */
    static final Duration LEASE_SESSION = Duration.ofSeconds(10);

    /** What Flink says when a checkpoint has state no operator of the job takes. */
    private static final String UNMAPPED_STATE = "Cannot map checkpoint/savepoint state";

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--models",
            paramLabel = "M[,M...]",
            description =
                    "Models to serve: built-in names or id=/path/model.onnx (default: mobilenetv2).")
    String models;

    @Option(
            names = "--plan",
            paramLabel = "FILE",
            description =
                    "Run a multi-device plan (edgesplit plan --out FILE) as a k-stage pipeline job on"
                            + " the frames topic instead of the two-party job; see docs/pipeline.md.")
    Path plan;

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

    @Option(
            names = "--state-dir",
            defaultValue = "edgesplit-state",
            paramLabel = "DIR",
            description =
                    "Where the job keeps its checkpoints; a restart on the same directory resumes"
                            + " from the latest one (default: ${DEFAULT-VALUE} in the working"
                            + " directory).")
    Path stateDir;

    @Option(
            names = "--fresh",
            description =
                    "Start over: set the state directory's checkpoints aside (to"
                            + " checkpoints.previous) and read the topics from"
                            + " edgesplit.kafka.starting-offsets again.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Configuration conf = new Configuration();
        options.forEach(conf::setString);
        kafkaClient.properties().asOptions().forEach(conf::setString);
        KafkaClientProperties client = KafkaClientProperties.fromConfig(conf);
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
        if (plan != null) {
            conf.set(EdgeJobOptions.PLAN, plan.toString());
        }
        if (conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isPresent()) {
            throw new IllegalArgumentException(
                    "-D "
                            + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()
                            + " is set by edgesplit job: use --state-dir DIR instead");
        }
        int port = DemoRunner.freePort(uiPort);
        conf.set(RestOptions.PORT, port);
        conf = EdgeJobMain.withJobDefaults(conf);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        boolean pipeline = conf.getOptional(EdgeJobOptions.PLAN).isPresent();
        if (pipeline) {
            PipelineJobMain.wire(env, conf);
        } else {
            EdgeJobMain.wire(env, conf);
        }
        // after wire (which validates the configuration offline), before Flink starts
        if (createTopics) {
            JobTopics.createMissing(
                    bootstrap, conf, line -> System.err.println("edgesplit job: " + line));
        }
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(conf);
        String clusterId = requireInputTopics(conf, topics, client);
        try (JobStateDir state =
                        JobStateDir.open(stateDir, identity(conf, topics, clusterId), fresh);
                JobLease lease = takeLease(conf, client, topics, state)) {
            env.configure(state.configure(conf, restorePoint(conf, state)));
            System.err.printf(
                    "edgesplit job: reading from %s, Flink job %s, web UI http://localhost:%d"
                            + " (Ctrl-C stops)%n",
                    bootstrap, state.jobId(), port);
            execute(env, state, pipeline ? PipelineJobMain.JOB_NAME : EdgeJobMain.JOB_NAME);
        }
        return 0;
    }

    private static void execute(StreamExecutionEnvironment env, JobStateDir state, String name)
            throws Exception {
        try {
            env.execute(name);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains(UNMAPPED_STATE)) {
                    throw new IllegalStateException(
                            "the checkpoint in "
                                    + state.dir()
                                    + " holds state of an operator this job does not have: start"
                                    + " over with --fresh, or drop that state with -D "
                                    + StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE.key()
                                    + "=true",
                            e);
                }
            }
            throw e;
        }
    }

    /** What makes a state directory this job's: the cluster, the topics, the transactional ids. */
    static Properties identity(Configuration conf, EdgesplitTopics topics, String clusterId) {
        Properties p = new Properties();
        p.setProperty("kafka.cluster-id", clusterId);
        p.setProperty(
                "kafka.transactional-id-prefix", conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
        p.setProperty("kafka.topics", String.join(",", topics.all()));
        return p;
    }

    /**
     * The checkpoint or savepoint to restore, printed: a savepoint given with {@code -D
     * execution.state-recovery.path}, else the state directory's latest checkpoint.
     */
    private Optional<Path> restorePoint(Configuration conf, JobStateDir state) {
        Optional<String> given = conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH);
        if (given.isPresent()) {
            System.err.printf(
                    "edgesplit job: state in %s; restoring from %s (given with -D %s)%n",
                    state.dir(), given.get(), StateRecoveryOptions.SAVEPOINT_PATH.key());
            return Optional.empty();
        }
        Optional<Path> latest = state.latestCheckpoint();
        state.skippedCheckpoints()
                .forEach(s -> System.err.println("edgesplit job: passing over checkpoint " + s));
        if (latest.isEmpty()) {
            System.err.printf(
                    "edgesplit job: state in %s; no checkpoint yet, reading the topics from the %s"
                            + " offsets%n",
                    state.dir(),
                    conf.get(KafkaOptions.STARTING_OFFSETS).name().toLowerCase(Locale.ROOT));
            return latest;
        }
        Path chk = latest.get();
        Instant taken = JobStateDir.takenAt(chk);
        System.err.printf(
                "edgesplit job: state in %s; resuming from %s (taken %s)%n",
                state.dir(), state.dir().relativize(chk), taken.truncatedTo(ChronoUnit.SECONDS));
        Duration age = Duration.between(taken, Instant.now());
        Duration txTimeout = conf.get(KafkaOptions.TRANSACTION_TIMEOUT);
        if (age.compareTo(txTimeout) > 0) {
            System.err.printf(
                    "edgesplit job: WARNING the checkpoint is %d min old, older than the"
                            + " transaction timeout (%s = %d min): Kafka may have aborted the"
                            + " results it had pre-committed; see docs/restarts.md%n",
                    age.toMinutes(), KafkaOptions.TRANSACTION_TIMEOUT.key(), txTimeout.toMinutes());
        }
        return latest;
    }

    /**
     * The cluster-wide lease on the transactional id prefix: a second job with the same prefix
     * refuses to start; losing the lease (another job took it while this one was cut off from
     * Kafka) stops this process.
     */
    private JobLease takeLease(
            Configuration conf,
            KafkaClientProperties client,
            EdgesplitTopics topics,
            JobStateDir state) {
        Properties servers = new Properties();
        servers.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String prefix = conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX);
        JobLease.Spec spec =
                new JobLease.Spec(
                        client.merge(servers),
                        leaseGroup(prefix),
                        topics.profiles(),
                        state.owner(),
                        LEASE_SESSION);
        JobLease lease =
                JobLease.acquire(
                        spec,
                        msg -> System.err.println("edgesplit job: " + msg),
                        reason -> {
                            System.err.println("edgesplit job: stopping: " + reason);
                            System.exit(EdgesplitCli.FAILURE);
                        });
        // Ctrl-C and SIGTERM end the JVM without returning from execute: leave the group then, so
        // that a restart need not wait for the session to time out
        Runtime.getRuntime().addShutdownHook(new Thread(lease::close, "edgesplit-lease-release"));
        return lease;
    }

    private static String leaseGroup(String transactionalIdPrefix) {
        return transactionalIdPrefix + ".job-lease";
    }

    /**
     * Fails in one line, before Flink starts, when the cluster does not answer, lacks an input
     * topic or does not allow this client what the job needs: the job's Kafka sources and sinks
     * would otherwise fail and restart without end.
     *
     * @return the cluster's id
     */
    private String requireInputTopics(
            Configuration conf, EdgesplitTopics topics, KafkaClientProperties client) {
        List<String> missing;
        String clusterId;
        try (Admin admin = KafkaClusters.admin(bootstrap, client, "edgesplit-job-check")) {
            Set<String> existing =
                    KafkaClusters.topicNames(admin, bootstrap, KafkaClusters.ANSWER_TIMEOUT);
            clusterId = KafkaClusters.clusterId(admin, bootstrap, KafkaClusters.ANSWER_TIMEOUT);
            // before the existence check: a topic the principal may not see looks missing
            KafkaAccess.require(
                    admin,
                    bootstrap,
                    client,
                    KafkaAccess.forJob(
                            conf,
                            Optional.of(
                                    leaseGroup(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX)))));
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
        return clusterId;
    }
}
