package io.edgesplit.cli.demo;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.Tensor;
import io.edgesplit.cli.dashboard.DashboardServer;
import io.edgesplit.cli.dashboard.LiveStats;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.pipeline.PipelineJobMain;
import io.edgesplit.job.workload.ScenarioEvent;
import io.edgesplit.job.workload.ScenarioGenerator;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded demo: an in-JVM Kafka broker, a Flink MiniCluster with its web UI, the edge job, a
 * generated scenario streamed in at (scaled) real time, a live progress line and dashboard page,
 * and a summary checked against what was sent: every frame must have exactly one outcome.
 */
public final class DemoRunner {

    /** Frames of the injected bad record that ends FAILED (a wrong input shape). */
    static final String BAD_DEVICE = "cam-bad";

    private final DemoOptions o;
    private final PrintStream out;
    private final PrintStream err;
    private int lastCut;
    private String summaryText;

    public DemoRunner(DemoOptions options, PrintStream out, PrintStream err) {
        this.o = options;
        this.out = out;
        this.err = err;
    }

    /** Runs the demo; returns 0 when every frame got exactly one outcome. */
    public int run() throws Exception {
        long t0 = System.nanoTime();
        ModelProfile profile = DemoScenarios.analyzeBuiltin(o.model()).toProfile();
        Files.createDirectories(o.outDir());
        // the job reads this profile instead of analysing the model a second time
        ModelProfileJson.write(profile, profileFile());
        lastCut = profile.lastCut();
        ScenarioSpec spec = scenario(profile);
        String description =
                String.format(
                        Locale.ROOT,
                        "%d devices x %s at %.3g fps = %d frames of %s (%d cuts, %.2f GMAC), %s",
                        spec.devices(),
                        human(o.duration().toMillis()),
                        spec.fps(),
                        spec.totalFrames(),
                        o.model(),
                        profile.cuts().size(),
                        profile.totalMacs() / 1e9,
                        o.plan() != null
                                ? "through the pipeline of plan " + o.plan()
                                : "policies " + String.join(",", o.policies()));
        out.println("edgesplit demo: " + description);

        int uiPort = freePort(o.uiPort());
        long expected = spec.totalFrames() + (o.injectBad() ? 1 : 0);
        LiveStats live =
                o.dashboard()
                        ? new LiveStats(
                                "edgesplit demo",
                                description,
                                "http://localhost:" + uiPort + "/",
                                expected)
                        : null;
        // null when there is no dashboard: try-with-resources skips it
        try (DashboardServer dashboard =
                live == null ? null : DashboardServer.start(o.dashboardPort(), live::snapshot)) {
            int exitCode = run(spec, uiPort, expected, live, dashboard, t0);
            if (live != null) {
                // the broker and the job are down: nothing changes any more
                live.finish(summaryText);
            }
            if (dashboard != null && !o.linger().isZero()) {
                linger(dashboard);
            }
            return exitCode;
        }
    }

    private int run(
            ScenarioSpec spec,
            int uiPort,
            long expected,
            LiveStats live,
            DashboardServer dashboard,
            long t0)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            EdgesplitTopics topics = EdgesplitTopics.defaults();
            int partitions = Math.max(1, Math.min(o.parallelism(), spec.devices()));
            kafka.createTopics(partitions, topics.telemetry(), topics.frames());
            kafka.createTopics(
                    1,
                    topics.profiles(),
                    topics.results(),
                    topics.decisions(),
                    topics.deadLetters());
            out.printf(
                    "  kafka  embedded broker at %s%n  flink  MiniCluster, web UI http://localhost:%d%n",
                    kafka.bootstrapServers(), uiPort);
            if (dashboard != null) {
                out.printf("  dash   live dashboard %s%n", dashboard.url());
            }
            out.printf("  output %s%n", o.outDir());

            Configuration conf =
                    EdgeJobMain.withJobDefaults(
                            configuration(kafka.bootstrapServers(), uiPort, spec));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(o.parallelism());
            JobClient job;
            if (o.plan() != null) {
                PipelineJobMain.wire(env, conf);
                job = env.executeAsync(PipelineJobMain.JOB_NAME);
            } else {
                EdgeJobMain.wire(env, conf);
                job = env.executeAsync(EdgeJobMain.JOB_NAME);
            }

            ResultWatcher watcher =
                    new ResultWatcher(
                            kafka.bootstrapServers(),
                            topics.results(),
                            topics.deadLetters(),
                            topics.decisions(),
                            o.outDir(),
                            live);
            Thread watcherThread = new Thread(watcher, "demo-results");
            watcherThread.setDaemon(true);
            watcherThread.start();
            // the pipeline job reads no telemetry: the bad telemetry record is not its dead letter
            long expectedDeadLetters = o.injectBad() ? (o.plan() != null ? 1 : 2) : 0;
            try (AvroProducer producer = AvroProducer.builder(kafka.bootstrapServers()).build()) {
                Progress progress = new Progress(watcher, expected);
                if (live != null) {
                    live.streamStarted();
                }
                stream(spec, producer, topics, progress);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((watcher.outcomes() < expected
                                || watcher.deadLetters() < expectedDeadLetters)
                        && System.nanoTime() < deadline
                        && watcher.failure() == null) {
                    failIfJobDied(job);
                    Thread.sleep(250);
                    progress.maybePrint(spec.totalFrames());
                }
                progress.end(spec.totalFrames());
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
                watcher.stop();
                watcherThread.join(5_000);
                watcher.close();
            }
            if (watcher.failure() != null) {
                throw watcher.failure();
            }
            return summary(
                    spec, watcher, expected, expectedDeadLetters, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The demo model's MAC-based profile, written at start into the output directory. */
    private Path profileFile() {
        return o.outDir().resolve("profile-" + o.model() + ".json");
    }

    /** Keeps the dashboard up for --linger; an interrupt (or Ctrl-C) ends it early. */
    private void linger(DashboardServer dashboard) {
        err.printf(
                "dashboard stays up at %s for %s (Ctrl-C ends it)%n",
                dashboard.url(), human(o.linger().toMillis()));
        err.flush();
        try {
            Thread.sleep(o.linger().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ScenarioSpec scenario(ModelProfile profile) {
        // each device gets its own two-state (good/bad) Markov uplink
        List<BandwidthTrace> traces =
                DemoScenarios.twoStateUplinks(
                        o.devices(),
                        o.uplinkGoodBps(),
                        o.uplinkBadBps(),
                        o.duration().toMillis() / 1e3 + 10,
                        o.seed());
        return new ScenarioSpec(
                o.devices(),
                o.duration().toMillis(),
                o.fps(),
                o.model(),
                profile.input(),
                o.deviceTypes(),
                traces,
                10.0,
                o.seed());
    }

    private Configuration configuration(String bootstrap, int uiPort, ScenarioSpec spec) {
        Configuration c = new Configuration();
        c.set(RestOptions.PORT, uiPort);
        c.set(RestOptions.BIND_ADDRESS, "localhost");
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, o.parallelism());
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        c.set(CoreOptions.DEFAULT_PARALLELISM, o.parallelism());
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        c.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "edgesplit-demo");
        c.set(EdgeJobOptions.MODELS, List.of(o.model()));
        c.set(EdgeJobOptions.PROFILES, List.of(profileFile().toAbsolutePath().toString()));
        c.set(EdgeJobOptions.POLICY, o.policies().get(0));
        c.set(EdgeJobOptions.BATCH_SIZE, o.batchSize());
        c.set(EdgeJobOptions.CHECKPOINT_INTERVAL, java.time.Duration.ofSeconds(1));
        c.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                o.outDir().toAbsolutePath().resolve("checkpoints").toUri().toString());
        c.set(EdgeJobOptions.EDGE_SERVER, "edge-cpu");
        // the frame stream ends with the scenario: let the idle frames partitions stop holding back
        // the watermark soon, so the last frames are decided without a long wait
        c.set(EdgeJobOptions.SOURCE_IDLENESS, java.time.Duration.ofSeconds(1));
        c.set(EdgeJobOptions.PROVIDER, "cpu");
        c.set(EdgeJobOptions.DEFAULT_DEVICE_TYPE, o.deviceTypes().get(0));
        if (o.policies().size() > 1) {
            List<String> perDevice = new ArrayList<>();
            for (int i = 0; i < spec.devices(); i++) {
                perDevice.add(spec.deviceId(i) + "=" + o.policies().get(i % o.policies().size()));
            }
            c.set(EdgeJobOptions.DEVICE_POLICIES, perDevice);
        }
        if (o.plan() != null) {
            c.set(EdgeJobOptions.PLAN, o.plan().toAbsolutePath().toString());
        }
        for (Map.Entry<String, String> e : o.extra().entrySet()) {
            c.setString(e.getKey(), e.getValue());
        }
        return c;
    }

    /**
     * Sends the scenario at real time scaled by --speed, injecting the bad records a third of the
     * way in.
     */
    private void stream(
            ScenarioSpec spec, AvroProducer producer, EdgesplitTopics topics, Progress progress)
            throws InterruptedException {
        long startMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        ScenarioGenerator gen = new ScenarioGenerator(spec, startMs);
        long badAt = spec.durationMs() / 3;
        boolean injected = !o.injectBad();
        while (gen.hasNext()) {
            ScenarioEvent e = gen.next();
            long dueNanos = startNanos + (long) (e.offsetMs() * 1e6 / o.speed());
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!injected && e.offsetMs() >= badAt) {
                injectBad(producer, topics, startMs + e.offsetMs(), spec);
                injected = true;
            }
            long ts = startMs + e.offsetMs();
            if (e.kind() == ScenarioEvent.Kind.FRAME) {
                producer.send(topics.frames(), e.deviceId(), e.record(), ts);
                progress.sent();
            } else if (o.plan() == null) {
                producer.send(topics.telemetry(), e.deviceId(), e.record(), ts);
            }
            progress.maybePrint(spec.totalFrames());
        }
        producer.flush();
    }

    /** Two records that become dead letters and one frame that must fail with a reason. */
    private void injectBad(
            AvroProducer producer, EdgesplitTopics topics, long ts, ScenarioSpec spec) {
        producer.sendRaw(
                topics.frames(),
                "cam-00",
                "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8),
                ts);
        producer.send(
                topics.telemetry(),
                "cam-01",
                DeviceTelemetry.newBuilder()
                        .setDeviceId("cam-01")
                        .setEventTime(Instant.ofEpochMilli(ts))
                        .setDeviceType(spec.deviceType(1))
                        .setUplinkBps(-5e6)
                        .build(),
                ts);
        long[] shape = spec.input().shape();
        shape[shape.length - 1] /= 2; // half-width image: decodes fine, does not fit the model
        long elements = 1;
        List<Long> dims = new ArrayList<>();
        for (long d : shape) {
            elements *= d;
            dims.add(d);
        }
        Frame wrong =
                Frame.newBuilder()
                        .setDeviceId(BAD_DEVICE)
                        .setFrameId(0)
                        .setCaptureTime(Instant.ofEpochMilli(ts))
                        .setModelId(spec.modelId())
                        .setCut(0)
                        .setTensors(
                                List.of(
                                        Tensor.newBuilder()
                                                .setName(spec.input().name())
                                                .setElementType(ElementType.FLOAT)
                                                .setShape(dims)
                                                .setData(ByteBuffer.allocate((int) (elements * 4)))
                                                .build()))
                        .build();
        producer.send(topics.frames(), BAD_DEVICE, wrong, ts);
    }

    private static void failIfJobDied(JobClient job) throws Exception {
        org.apache.flink.api.common.JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            try {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the Flink job stopped: " + rootMessage(e), e);
            }
            throw new IllegalStateException("the Flink job stopped early with status " + status);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private void explainTwoParty(StringBuilder s) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nframes/s = processed frames per second of scenario time; p50/p95 = end-to-end latency (device queue + head + uplink + edge batch wait + tail);%n"
                                + "J/frame = device energy (GPU + radio) per processed frame, from the device profile; cut = most used cut (0 = all on the edge, %d = all on the device).%n",
                        lastCut));
    }

    private int summary(
            ScenarioSpec spec,
            ResultWatcher w,
            long expected,
            long expectedDead,
            double wallSeconds)
            throws IOException {
        ResultStats stats = w.stats();
        double span = spec.durationMs() / 1e3;
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%nSummary: %d outcomes for %d frames sent, %.1f s of scenario, %.1f s wall%n%n",
                        w.outcomes(),
                        expected,
                        span,
                        wallSeconds));
        s.append(ResultStats.table("policy", stats.byPolicy(), span));
        if (spec.devices() <= 16) {
            s.append('\n').append(ResultStats.table("device", stats.byDevice(), span));
        }
        if (o.plan() != null) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%nframes/s = processed frames per second of scenario time; p50/p95 = emulated capture to output through the plan's stages (wait for a busy stage + receive + compute + send, from the plan's device and link times);%n"
                                    + "no energy is charged in the pipeline job; cut 0 = frames enter raw.%n"));
        } else {
            explainTwoParty(s);
        }
        if (w.pipeline().any()) {
            s.append('\n').append(w.pipeline().summary(spec.fps()));
        }
        if (!stats.all().failureReasons().isEmpty()) {
            s.append("\nfailure reasons:\n");
            stats.all()
                    .failureReasons()
                    .forEach((r, n) -> s.append(String.format("  %4d x %s%n", n, r)));
        }
        s.append(
                String.format(
                        "%ndead letters: %d%s (see deadletters.csv)%n",
                        w.deadLetters(),
                        !o.injectBad()
                                ? ""
                                : o.plan() != null
                                        ? ", 1 injected on purpose (undecodable bytes; the pipeline job reads no telemetry); --no-bad-records turns that off"
                                        : ", "
                                                + expectedDead
                                                + " injected on purpose (undecodable bytes, negative bandwidth); --no-bad-records turns that off"));
        boolean complete = w.outcomes() == expected && w.duplicates() == 0;
        if (complete) {
            s.append(
                    String.format(
                            "check: every one of the %d frames has exactly one outcome%n",
                            expected));
        } else {
            s.append(
                    String.format(
                            "check FAILED: %d of %d frames have an outcome, %d duplicate outcomes%n",
                            w.outcomes(), expected, w.duplicates()));
        }
        s.append(
                String.format(
                        "outputs: %s/{results.csv,deadletters.csv,summary.txt,%s}%n",
                        o.outDir(), profileFile().getFileName()));
        out.print(s);
        Files.writeString(o.outDir().resolve("summary.txt"), s.toString());
        summaryText = s.toString().strip();
        return complete ? 0 : 1;
    }

    /** A progress line about once a second (in place on a terminal). */
    private final class Progress {
        private final ResultWatcher watcher;
        private final long expected;
        private final long start = System.nanoTime();
        private final boolean tty = System.console() != null;
        private long sent;
        private long lastPrint;

        Progress(ResultWatcher watcher, long expected) {
            this.watcher = watcher;
            this.expected = expected;
        }

        void sent() {
            sent++;
        }

        void maybePrint(long total) {
            long now = System.nanoTime();
            if (now - lastPrint < (tty ? 1_000_000_000L : 5_000_000_000L)) {
                return;
            }
            lastPrint = now;
            ResultWatcher.Snapshot g = watcher.snapshot();
            String line =
                    String.format(
                            Locale.ROOT,
                            "[%4.0fs] sent %d/%d frames | outcomes %d/%d (ok %d, skipped %d, failed %d) | %.1f frames/s | p95 %.0f ms | dead letters %d",
                            (now - start) / 1e9,
                            sent,
                            total,
                            g.outcomes(),
                            expected,
                            g.ok(),
                            g.skipped(),
                            g.failed(),
                            g.rate(),
                            g.p95Ms(),
                            g.deadLetters());
            if (tty) {
                err.print("\r" + line + "   ");
            } else {
                err.println(line);
            }
            err.flush();
        }

        void end(long total) {
            lastPrint = 0;
            maybePrint(total);
            if (tty) {
                err.println();
            }
        }
    }

    private static String human(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** {@code preferred} if free, else the next free port above it (0 = any). */
    public static int freePort(int preferred) throws IOException {
        for (int p = preferred; p > 0 && p < preferred + 50 && p <= 65535; p++) {
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
                return p;
            } catch (IOException busy) {
                // try the next one
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
