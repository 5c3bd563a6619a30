package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.metrics.EdgeMetrics;
import io.edgesplit.job.workload.ScenarioEvent;
import io.edgesplit.job.workload.ScenarioGenerator;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as users submit it: {@code jobs/edge-job/target/edgesplit-job.jar} uploaded and run
 * through the REST API of a standalone cluster (a JobManager and two TaskManagers, each its own
 * JVM, with ONNX Runtime on their classpath as in Flink's {@code lib/}) against a real Kafka broker
 * (embedded in this JVM, reached by the cluster over localhost). A generated scenario plus one
 * undecodable record go in; exactly one committed result per frame and one dead letter come out,
 * both TaskManager JVMs do work, and the job's metrics reach Flink's Prometheus reporter under the
 * names the dashboard uses ({@code -Pprometheus} adds a real Prometheus server scraping them).
 * Afterwards the job is cancelled and every process stopped, also when something failed.
 */
class EdgeJobOnStandaloneClusterITCase {

    /** System property with the job jar; the e2e pom points it at the edge-job module's build. */
    static final String JOB_JAR_PROPERTY = "edgesplit.job.jar";

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String MODEL = "tiny-chain";
    private static final String DEVICE_TYPE = "jetson-tx2";
    private static final int PARALLELISM = 2;
    private static final int DEVICES = 4;
    private static final long DURATION_MS = 2_000;
    private static final double FPS = 5;
    private static final long START = 1_700_000_000_000L;

    /**
     * Devices whose frames go whole to the edge server (cut 0): ONNX Runtime runs their tails on
     * the cluster. Left to the default policy, tiny-chain runs whole on the emulated devices.
     */
    private static final Set<String> EDGE_ONLY = Set.of("cam-00", "cam-01");

    private static final String JOB_PREFIX =
            DashboardMetrics.OPERATOR_PREFIX + EdgeMetrics.GROUP + "_";

    @TempDir static Path checkpoints;

    private static final EdgesplitTopics TOPICS = EdgesplitTopics.defaults();
    private static final Set<String> FRAMES = new TreeSet<>();
    private static EmbeddedKafka kafka;
    private static StandaloneFlinkCluster cluster;
    private static String jobId;

    @BeforeAll
    static void runTheJobJarOnTheCluster() throws Exception {
        Path jar = Path.of(System.getProperty(JOB_JAR_PROPERTY, ""));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "job jar '"
                            + jar
                            + "' (system property "
                            + JOB_JAR_PROPERTY
                            + ") is missing: build it with `mvn -pl jobs/edge-job -am package"
                            + " -DskipTests`, or run `mvn verify` from the repository root, which"
                            + " builds jobs/edge-job before e2e");
        }
        // EmbeddedKafka keeps records whatever their age (these carry 2023 event times)
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(PARALLELISM, TOPICS.telemetry(), TOPICS.frames());
        kafka.createTopics(
                1, TOPICS.profiles(), TOPICS.results(), TOPICS.decisions(), TOPICS.deadLetters());
        produceScenarioAndOneBadRecord();

        cluster =
                StandaloneFlinkCluster.fromBuildProperties()
                        .workDir(Path.of("target", "standalone-flink-edge-job"))
                        .taskManagerMemory("1536m")
                        // ONNX Runtime allocates outside the heap: reserve room for its arenas
                        .config("taskmanager.memory.task.off-heap.size", "256m")
                        .start();
        List<String> args =
                List.of(
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "-D",
                        "edgesplit.job.models=" + MODEL,
                        "-D",
                        "edgesplit.inference.provider=cpu",
                        "-D",
                        "edgesplit.controller.device-policies="
                                + String.join(
                                        ";",
                                        EDGE_ONLY.stream()
                                                .sorted()
                                                .map(d -> d + "=edge-only")
                                                .toList()),
                        "-D",
                        "edgesplit.inference.batch-size=4",
                        "-D",
                        "edgesplit.job.checkpoint-interval=500ms",
                        "-D",
                        "edgesplit.job.source-idleness=500ms",
                        "-D",
                        "execution.checkpointing.dir=" + checkpoints.toUri(),
                        "-D",
                        "restart-strategy.type=none");
        jobId = cluster.submitJar(jar, JarRun.withArgs(args).parallelism(PARALLELISM));
        cluster.awaitTasksRunning(jobId, TIMEOUT);
    }

    @AfterAll
    static void cancelAndStopEverything() throws Exception {
        try {
            if (jobId != null) {
                assertThat(cluster.cancel(jobId, TIMEOUT)).isEqualTo(JobStatus.CANCELED);
            }
        } finally {
            try {
                if (cluster != null) {
                    List<Long> pids = cluster.pids();
                    cluster.close();
                    assertThat(pids).hasSize(3);
                    for (long pid : pids) {
                        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                                .as("process %d after close()", pid)
                                .isEmpty();
                    }
                }
            } finally {
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }

    @Test
    void everyFrameGetsExactlyOneCommittedResultAndTheBadRecordADeadLetter() throws Exception {
        awaitRecords(TOPICS.results(), FRAMES.size());
        awaitRecords(TOPICS.deadLetters(), 1);
        // two more checkpoints commit whatever else the job would write: duplicates would show now
        long checkpointsNow = cluster.rest().completedCheckpoints(jobId);
        while (cluster.rest().completedCheckpoints(jobId) < checkpointsNow + 2) {
            checkRunning();
            Thread.sleep(250);
        }

        List<InferenceResult> results =
                TopicReader.readAllValues(
                        kafka.bootstrapServers(), TOPICS.results(), InferenceResult.class, TIMEOUT);
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.getDeviceId() + "/" + r.getFrameId()));
        assertThat(ids).doesNotHaveDuplicates().hasSameSizeAs(FRAMES);
        assertThat(new TreeSet<>(ids)).isEqualTo(FRAMES);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.OK))
                .allSatisfy(r -> assertThat(r.getTop1()).isNotNull());
        // the edge-only devices' frames ran through the tail inference operator
        assertThat(results)
                .filteredOn(r -> EDGE_ONLY.contains(r.getDeviceId()))
                .hasSize(edgeOnlyFrames())
                .allSatisfy(r -> assertThat(r.getCut()).isZero());

        List<DeadLetter> dead =
                TopicReader.readAllValues(
                        kafka.bootstrapServers(), TOPICS.deadLetters(), DeadLetter.class, TIMEOUT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getSourceTopic()).isEqualTo(TOPICS.frames());
        assertThat(dead.get(0).getReason()).contains("not Avro single-object encoded");
    }

    @Test
    void bothTaskManagerJvmsProcessFrames() throws Exception {
        assertThat(cluster.rest().taskManagersOf(jobId))
                .containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
        String framesIn = JOB_PREFIX + EdgeMetrics.FRAMES_IN;
        for (URI tm : cluster.taskManagerMetricsUris()) {
            // each TaskManager's reporter is its own JVM: frames counted there were processed there
            double counted = sum(awaitScrape(tm, framesIn, v -> v > 0), framesIn);
            assertThat(counted).as("frames the controller counted on %s", tm).isPositive();
        }
    }

    @Test
    void jobMetricsReachTheReporterUnderTheDashboardNames() throws Exception {
        Map<URI, String> scrapes = new LinkedHashMap<>();
        String framesIn = JOB_PREFIX + EdgeMetrics.FRAMES_IN;
        String decisions = JOB_PREFIX + EdgeMetrics.DECISIONS;
        String framesOut = JOB_PREFIX + EdgeMetrics.FRAMES_OUT;
        awaitScrapes(decisions, total -> total >= FRAMES.size(), scrapes);
        awaitScrapes(framesOut, total -> total >= edgeOnlyFrames(), scrapes);
        awaitScrapes(DashboardMetrics.DEAD_LETTERS, total -> total >= 1, scrapes);
        for (Map.Entry<URI, String> scrape : scrapes.entrySet()) {
            for (String name : jobMetricNames()) {
                assertThat(scrape.getValue())
                        .as("metric %s on %s", JOB_PREFIX + name, scrape.getKey())
                        .contains(JOB_PREFIX + name + "{");
            }
        }
        // kept for whoever reads a failure: what each TaskManager's reporter exported
        int i = 1;
        for (String text : scrapes.values()) {
            Files.writeString(cluster.workDir().resolve("taskmanager-" + i++ + ".prom"), text);
        }
        String all = String.join("\n", scrapes.values());
        assertThat(sum(all, framesIn)).isEqualTo(FRAMES.size());
        assertThat(sum(all, decisions)).isEqualTo(FRAMES.size());
        // tails: at least the edge-only devices' frames (the default policy may send more)
        assertThat(sum(all, framesOut))
                .isBetween((double) edgeOnlyFrames(), (double) FRAMES.size());
        assertThat(sum(all, DashboardMetrics.DEAD_LETTERS)).isEqualTo(1);
    }

    @Test
    @EnabledIfSystemProperty(named = PrometheusServer.BINARY_PROPERTY, matches = ".+")
    void prometheusHasTheJobMetricsAndAnswersEveryDashboardQuery() throws Exception {
        try (PrometheusServer prometheus =
                PrometheusServer.start(cluster, cluster.workDir().resolve("prometheus"))) {
            Set<String> names = new TreeSet<>();
            jobMetricNames().forEach(n -> names.add(JOB_PREFIX + n));
            names.add(DashboardMetrics.DEAD_LETTERS);
            for (String name : names) {
                JsonNode series = prometheus.awaitSeries(name, 1, TIMEOUT);
                Set<String> tms = new HashSet<>();
                series.forEach(s -> tms.add(s.path("metric").path("tm_id").asText()));
                assertThat(tms)
                        .as("TaskManagers with series of %s", name)
                        .containsExactlyInAnyOrder("taskmanager_1", "taskmanager_2");
                series.forEach(
                        s ->
                                assertThat(s.path("metric").path("job_name").asText())
                                        .isEqualTo(
                                                // the reporter's label values: [a-zA-Z0-9:_] only
                                                EdgeJobMain.JOB_NAME.replaceAll(
                                                        "[^a-zA-Z0-9:_]", "_")));
            }
            List<String> queries =
                    DashboardMetrics.panelQueries(RepoFiles.resolve(DashboardMetrics.DASHBOARD));
            assertThat(queries).isNotEmpty();
            for (String expr : queries) {
                assertThat(prometheus.awaitSeries(expr, 1, TIMEOUT))
                        .as("data for dashboard query %s", expr)
                        .isNotEmpty();
            }
        }
    }

    private static int edgeOnlyFrames() {
        return (int)
                FRAMES.stream()
                        .filter(f -> EDGE_ONLY.contains(f.substring(0, f.indexOf('/'))))
                        .count();
    }

    /** The job's metric names in the group "edgesplit": every String constant of EdgeMetrics. */
    private static List<String> jobMetricNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : EdgeMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class
                    && !f.getName().equals("GROUP")
                    && !f.getName().equals("DEAD_LETTERS")) {
                names.add((String) f.get(null));
            }
        }
        assertThat(names).contains(EdgeMetrics.FRAMES_IN, EdgeMetrics.END_TO_END_MS);
        return names;
    }

    private static void produceScenarioAndOneBadRecord() {
        ScenarioSpec spec =
                new ScenarioSpec(
                        DEVICES,
                        DURATION_MS,
                        FPS,
                        MODEL,
                        ConfigLoader.macProfile(MODEL, MODEL).input(),
                        List.of(DEVICE_TYPE),
                        List.of(SyntheticTraces.constant(10e6), SyntheticTraces.constant(2e6)),
                        10,
                        7);
        Set<Integer> controllerSubtasks = new TreeSet<>();
        try (AvroProducer p = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            ScenarioGenerator gen = new ScenarioGenerator(spec, START);
            while (gen.hasNext()) {
                ScenarioEvent e = gen.next();
                boolean frame = e.kind() == ScenarioEvent.Kind.FRAME;
                p.send(
                        frame ? TOPICS.frames() : TOPICS.telemetry(),
                        e.deviceId(),
                        e.record(),
                        START + e.offsetMs());
                if (frame) {
                    FRAMES.add(e.deviceId() + "/" + ((Frame) e.record()).getFrameId());
                    controllerSubtasks.add(controllerSubtask(e.deviceId()));
                }
            }
            p.sendRaw(
                    TOPICS.frames(),
                    spec.deviceId(0),
                    "not a frame".getBytes(StandardCharsets.UTF_8),
                    START + 500);
            p.flush();
        }
        assertThat(FRAMES).hasSize((int) spec.totalFrames()).isNotEmpty();
        assertThat(edgeOnlyFrames()).isPositive().isLessThan(FRAMES.size());
        assertThat(controllerSubtasks)
                .as("controller subtasks of the scenario's devices (keyed by device id)")
                .containsExactly(0, 1);
    }

    /** The controller subtask that owns a device, as Flink assigns keys at parallelism 2. */
    private static int controllerSubtask(String deviceId) {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                deviceId, maxParallelism, PARALLELISM);
    }

    /** Reads the topic (read_committed) until it has {@code count} records. */
    private static void awaitRecords(String topic, int count) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int seen = 0;
        while (seen < count) {
            checkRunning();
            if (System.nanoTime() > deadline) {
                writeThreadDumps();
                throw new AssertionError(
                        "only "
                                + seen
                                + " of "
                                + count
                                + " committed records on "
                                + topic
                                + " after "
                                + TIMEOUT
                                + cluster.diagnostics());
            }
            seen =
                    TopicReader.poll(kafka.bootstrapServers(), topic, count, Duration.ofSeconds(2))
                            .size();
        }
    }

    /** Thread dumps of the TaskManagers into the work directory, for a test that timed out. */
    private static void writeThreadDumps() throws Exception {
        for (String tm : cluster.rest().taskManagerIds()) {
            Files.writeString(
                    cluster.workDir().resolve(tm + ".threads.txt"), cluster.rest().threadDump(tm));
        }
    }

    private static void checkRunning() throws Exception {
        JobStatus status = cluster.rest().jobStatus(jobId);
        if (status != JobStatus.RUNNING) {
            throw new AssertionError(
                    "job "
                            + jobId
                            + " is "
                            + status
                            + cluster.rest().lastFailure(jobId).map(f -> ": " + f).orElse("")
                            + cluster.diagnostics());
        }
    }

    /** Scrapes every TaskManager until the metric's total over them passes the check. */
    private static void awaitScrapes(String metric, DoublePredicate total, Map<URI, String> scrapes)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            double sum = 0;
            for (URI tm : cluster.taskManagerMetricsUris()) {
                String text = cluster.scrapeMetrics(tm);
                scrapes.put(tm, text);
                sum += sum(text, metric);
            }
            if (total.test(sum) || System.nanoTime() > deadline) {
                return;
            }
            checkRunning();
            Thread.sleep(500);
        }
    }

    private static String awaitScrape(URI tm, String metric, DoublePredicate ok) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String text = cluster.scrapeMetrics(tm);
        while (!ok.test(sum(text, metric)) && System.nanoTime() < deadline) {
            checkRunning();
            Thread.sleep(500);
            text = cluster.scrapeMetrics(tm);
        }
        return text;
    }

    /** Sum over the series of one metric (all label sets) in a Prometheus text exposition. */
    static double sum(String exposition, String metric) {
        double sum = 0;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith(metric + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
