package io.edgesplit.job;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Decision;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.workload.ScenarioEvent;
import io.edgesplit.job.workload.ScenarioGenerator;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A real embedded broker, the job's configuration for it, and a small generated scenario. */
final class KafkaJobFixture implements AutoCloseable {

    static final int DEVICES = 3;
    static final int FRAMES_PER_DEVICE = 20;

    /**
     * Source idleness for tests that compare decisions between runs. A partition quiet this long
     * (processing time) releases its events; with 500 ms a reader stalled on a loaded 2-core
     * machine let another partition's watermark run ahead, its own records then arrived late and
     * were applied in arrival order, and the decisions differed between runs.
     */
    static final Duration DETERMINISTIC_IDLENESS = Duration.ofSeconds(2);

    final EmbeddedKafka kafka;
    final EdgesplitTopics topics = EdgesplitTopics.defaults();
    final ScenarioSpec spec;
    final long start = 1_700_000_000_000L;

    KafkaJobFixture() {
        this(DEVICES, FRAMES_PER_DEVICE, 10);
    }

    /**
     * A scenario of {@code devices} cameras at 5 frames/s with telemetry at {@code telemetryHz}.
     */
    KafkaJobFixture(int devices, int framesPerDevice, double telemetryHz) {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(2, topics.telemetry(), topics.frames());
        kafka.createTopics(
                1, topics.profiles(), topics.results(), topics.decisions(), topics.deadLetters());
        spec =
                new ScenarioSpec(
                        devices,
                        framesPerDevice * 200L,
                        5,
                        Fixtures.MODEL,
                        Fixtures.profile().input(),
                        List.of(Fixtures.DEVICE_TYPE),
                        List.of(SyntheticTraces.constant(10e6), SyntheticTraces.constant(2e6)),
                        telemetryHz,
                        7);
    }

    /** The job's options: this broker, tiny-chain, fast checkpoints and watermarks. */
    Configuration jobConfiguration() {
        Configuration c = new Configuration();
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        c.set(EdgeJobOptions.MODELS, List.of(Fixtures.MODEL));
        c.set(EdgeJobOptions.BATCH_SIZE, 4);
        c.set(EdgeJobOptions.PROVIDER, "cpu");
        c.set(EdgeJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        c.set(EdgeJobOptions.SOURCE_IDLENESS, Duration.ofMillis(500));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return c;
    }

    /** Produces the whole scenario as fast as possible; returns the number of frames. */
    long produceScenario() {
        return produce(0, Long.MAX_VALUE);
    }

    /** Produces the scenario's records due in [from, to) ms after its start; returns the frames. */
    long produce(long fromMs, long toMs) {
        return produce(topics, fromMs, toMs, (p, n) -> {});
    }

    /**
     * Produces the scenario's records due in [from, to) ms after its start to {@code to}'s
     * telemetry and frames topics, calling {@code afterEach} with the producer and the number of
     * records sent so far after each one (to mix other records in); returns the frames.
     */
    long produce(
            EdgesplitTopics to, long fromMs, long toMs, BiConsumer<AvroProducer, Long> afterEach) {
        long frames = 0;
        long sent = 0;
        try (AvroProducer p = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            ScenarioGenerator gen = new ScenarioGenerator(spec, start);
            while (gen.hasNext()) {
                ScenarioEvent e = gen.next();
                if (e.offsetMs() < fromMs || e.offsetMs() >= toMs) {
                    continue;
                }
                boolean frame = e.kind() == ScenarioEvent.Kind.FRAME;
                p.send(
                        frame ? to.frames() : to.telemetry(),
                        e.deviceId(),
                        e.record(),
                        start + e.offsetMs());
                frames += frame ? 1 : 0;
                afterEach.accept(p, ++sent);
            }
            p.flush();
        }
        return frames;
    }

    /** {@code conf} with the job's six topic names set to {@code t}'s. */
    static Configuration withTopics(Configuration conf, EdgesplitTopics t) {
        Configuration c = new Configuration(conf);
        c.set(KafkaOptions.TOPIC_TELEMETRY, t.telemetry());
        c.set(KafkaOptions.TOPIC_FRAMES, t.frames());
        c.set(KafkaOptions.TOPIC_PROFILES, t.profiles());
        c.set(KafkaOptions.TOPIC_DECISIONS, t.decisions());
        c.set(KafkaOptions.TOPIC_RESULTS, t.results());
        c.set(KafkaOptions.TOPIC_DEAD_LETTERS, t.deadLetters());
        return c;
    }

    List<InferenceResult> results(int expected, Duration timeout) {
        return TopicReader.poll(kafka.bootstrapServers(), topics.results(), expected, timeout)
                .stream()
                .map(
                        r ->
                                io.edgesplit.schemas.AvroCodec.of(InferenceResult.class)
                                        .decode(r.value()))
                .toList();
    }

    List<DeadLetter> deadLetters(int expected, Duration timeout) {
        return TopicReader.poll(kafka.bootstrapServers(), topics.deadLetters(), expected, timeout)
                .stream()
                .map(r -> io.edgesplit.schemas.AvroCodec.of(DeadLetter.class).decode(r.value()))
                .toList();
    }

    /**
     * What a job wrote to the topics of its configuration, read committed.
     *
     * @param status the job's status when the outputs were read (RUNNING unless it failed)
     */
    record Outputs(
            List<InferenceResult> results,
            List<Decision> decisions,
            List<DeadLetter> deadLetters,
            JobStatus status) {

        /** deviceId/frameId -> what does not depend on timing: status, cut, top-1, reason. */
        Map<String, String> outcomes() {
            Map<String, String> out = new TreeMap<>();
            for (InferenceResult r : results) {
                String previous =
                        out.put(
                                r.getDeviceId() + "/" + r.getFrameId(),
                                r.getStatus()
                                        + " model="
                                        + r.getModelId()
                                        + " cut="
                                        + r.getCut()
                                        + " captured="
                                        + r.getCaptureTime()
                                        + " top1="
                                        + r.getTop1()
                                        + " policy="
                                        + r.getPolicy()
                                        + " reason="
                                        + r.getReason());
                if (previous != null) {
                    throw new AssertionError(
                            "two results for " + r.getDeviceId() + "/" + r.getFrameId());
                }
            }
            return out;
        }

        /** The decisions as text, sorted (they carry everything the controller decided). */
        List<String> sortedDecisions() {
            return decisions.stream().map(Decision::toString).sorted().toList();
        }
    }

    /**
     * Starts the job of {@code conf} (this broker; its topics) on the test's MiniCluster.
     *
     * @param savepoint where to restore from, or null
     */
    JobClient start(Configuration conf, Path checkpoints, int parallelism, String savepoint)
            throws Exception {
        Configuration c = new Configuration(conf);
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        if (savepoint != null) {
            c.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        c = EdgeJobMain.withJobDefaults(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        EdgeJobMain.wire(env, c);
        return env.executeAsync("edge job p" + parallelism);
    }

    /**
     * Waits until {@code count} results are committed on {@code conf}'s results topic, failing at
     * once when the job ends (a restart-free job that fails), or after {@code timeout}.
     */
    void awaitResults(Configuration conf, long count, JobClient job, Duration timeout)
            throws Exception {
        String topic = EdgesplitTopics.fromConfig(conf).results();
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                throw new AssertionError("job " + status + " with " + seen + " results committed");
            }
            seen =
                    TopicReader.poll(
                                    kafka.bootstrapServers(),
                                    topic,
                                    (int) count,
                                    Duration.ofSeconds(3))
                            .size();
            if (seen >= count) {
                return;
            }
        }
        throw new AssertionError(
                seen + " of " + count + " results committed after " + timeout.toSeconds() + " s");
    }

    /** Everything committed on {@code conf}'s output topics, and the job's status. */
    Outputs read(Configuration conf, JobClient job) throws Exception {
        EdgesplitTopics t = EdgesplitTopics.fromConfig(conf);
        String b = kafka.bootstrapServers();
        Duration timeout = Duration.ofSeconds(30);
        return new Outputs(
                TopicReader.readAllValues(b, t.results(), InferenceResult.class, timeout),
                TopicReader.readAllValues(b, t.decisions(), Decision.class, timeout),
                TopicReader.readAllValues(b, t.deadLetters(), DeadLetter.class, timeout),
                job.getJobStatus().get(30, TimeUnit.SECONDS));
    }

    /**
     * Runs the job of {@code conf} at parallelism 2 until {@code results} results are committed,
     * waits one more checkpoint (anything duplicated would show), reads the outputs and cancels it.
     */
    Outputs runUntilResults(Configuration conf, long results, Path checkpoints) throws Exception {
        JobClient job = start(conf, checkpoints, 2, null);
        try {
            awaitResults(conf, results, job, Duration.ofSeconds(120));
            Thread.sleep(1_500);
            return read(conf, job);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
