package io.edgesplit.cli.bench;

import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.cli.DurationConverter;
import io.edgesplit.cli.demo.DemoScenarios;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.workload.ScenarioEvent;
import io.edgesplit.job.workload.ScenarioGenerator;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.zoo.ModelZoo;
import io.edgesplit.schemas.AvroCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end frames/s of the edge job as the demo runs it (embedded Kafka broker, Flink
 * MiniCluster, {@link EdgeJobMain#wire}: Kafka sources, controller, device emulator, micro-batched
 * ONNX Runtime tail, exactly-once Kafka sinks), against a plain loop calling ONNX Runtime ({@link
 * ModelRunner}, full model, batch 1, the same intra-op threads) on the same frames in the same JVM.
 *
 * <p>Per model the scenario (frames and telemetry of {@code --devices} cameras) is produced to
 * Kafka once, before any job starts, so the job is measured, not the producer. Each run then starts
 * a fresh job reading the topics from the beginning, with its own output topics, and a {@code
 * read_committed} consumer counts the committed results. Throughput = results committed after the
 * first commit / time from the first commit to the last result: exactly-once results become visible
 * in bursts, one per checkpoint, so this leaves out job start-up and the first burst. Two rates are
 * kept: outcomes/s (every result, including frames the controller skipped) and inferences/s (OK
 * results: frames that went through ONNX Runtime, in the tail or in the emulated device); the ratio
 * is inferences/s over the ORT loop's frames/s. The ORT loop runs right before each job, so every
 * ratio compares two measurements taken a few seconds apart on the same (noisy) machine.
 *
 * <p>Not a test: run it with {@code scripts/bench-job.sh pipeline} (see docs/benchmarks/job.md).
 */
@Command(
        name = "bench-job.sh pipeline",
        mixinStandardHelpOptions = true,
        description =
                "End-to-end frames/s of the edge job (embedded Kafka + Flink MiniCluster + ONNX"
                        + " Runtime) against a plain ONNX Runtime loop on the same frames.")
public final class PipelineBenchmark implements Callable<Integer> {

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "mobilenetv2,resnet18",
            description = "Built-in models (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "--frames",
            split = ",",
            defaultValue = "tiny-chain=40000,mobilenetv2=1600,resnet18=560",
            description =
                    "Frames per run per model, MODEL=N (default: ${DEFAULT-VALUE}); other models"
                            + " get 400.")
    Map<String, Integer> frames;

    @Option(
            names = "--policies",
            split = ",",
            defaultValue = "edge-only,cutedge",
            description = "Controller policies (default: ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(
            names = "--batch-sizes",
            split = ",",
            defaultValue = "1,4,8",
            description = "Tail micro-batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(
            names = "--delivery",
            split = ",",
            defaultValue = "EXACTLY_ONCE",
            description =
                    "Delivery guarantees of the sinks: EXACTLY_ONCE, AT_LEAST_ONCE (default:"
                            + " ${DEFAULT-VALUE}).")
    List<DeliveryGuarantee> deliveries;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description = "Runs per configuration (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism, as the demo's default (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description =
                    "ONNX Runtime intra-op threads, job sessions and ORT loop alike (default:"
                            + " ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--devices",
            defaultValue = "8",
            description = "Cameras in the scenario (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--fps",
            defaultValue = "5",
            description =
                    "Frames per second per camera in event time; sets the controller's slots, not"
                            + " the speed (frames are produced ahead) (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(
            names = "--uplink",
            split = ",",
            defaultValue = "20e6,2e6",
            description =
                    "Good and bad state of each camera's Gilbert-Elliott uplink in bit/s, scaled"
                            + " 0.6-1.4 per camera, as the demo (default: ${DEFAULT-VALUE}).")
    List<Double> uplink;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "Checkpoint interval; exactly-once results are committed on checkpoints"
                            + " (default: ${DEFAULT-VALUE}, as the demo).")
    Duration checkpointInterval;

    @Option(
            names = "--loop-seconds",
            defaultValue = "6",
            description =
                    "How long the ORT loop runs before each job run (default: ${DEFAULT-VALUE}).")
    double loopSeconds;

    @Option(
            names = "--timeout",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Longest wait for one run's results (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--out", description = "Also write the table (Markdown) to this file.")
    Path out;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private int runNumber;

    /** One job run and the ORT loop before it. */
    record Run(
            String model,
            String policy,
            int batch,
            DeliveryGuarantee delivery,
            int repeat,
            double loopFps,
            long frames,
            long ok,
            long skipped,
            long failed,
            double outcomeFps,
            double inferenceFps,
            double firstResultS,
            double meanTailBatch,
            double onDevice,
            String cuts) {

        /** Frames through ONNX Runtime per second in the job, relative to the ORT loop. */
        double ratio() {
            return inferenceFps / loopFps;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || parallelism < 1 || threads < 1 || devices < 1 || !(loopSeconds > 0)) {
            throw new IllegalArgumentException(
                    "--repeats, --parallelism, --threads, --devices and --loop-seconds must be"
                            + " positive");
        }
        List<Run> runs = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            for (String model : models) {
                runs.addAll(benchmarkModel(kafka, model));
            }
        }
        String table = table(runs) + "\n" + summary(runs);
        stdout.println();
        stdout.print(table);
        if (out != null) {
            Files.writeString(out, table);
            stderr.println("table written to " + out);
        }
        return 0;
    }

    private List<Run> benchmarkModel(EmbeddedKafka kafka, String model) throws Exception {
        if (!ModelZoo.contains(model)) {
            throw new IllegalArgumentException(
                    "--models "
                            + model
                            + " is not a built-in model: use one of "
                            + ModelZoo.names());
        }
        OnnxModel onnx = ModelZoo.build(model);
        ModelProfile profile = ModelAnalyzer.analyze(onnx, null).toProfile();
        ScenarioSpec spec = scenario(profile, frames.getOrDefault(model, 400));
        EdgesplitTopics in = EdgesplitTopics.defaults().withPrefix("bench." + model + ".");
        kafka.createTopics(Math.min(parallelism, devices), in.telemetry(), in.frames());
        kafka.createTopics(1, in.profiles());
        long start = System.nanoTime();
        List<ByteBuffer> images = produce(kafka, spec, in);
        stderr.printf(
                Locale.ROOT,
                "%s: %d frames (%d cuts) produced to Kafka in %.1f s%n",
                model,
                spec.totalFrames(),
                profile.cuts().size(),
                (System.nanoTime() - start) / 1e9);

        List<Run> runs = new ArrayList<>();
        try (ModelRunner runner =
                ModelRunner.open(onnx, RunnerOptions.builder().intraOpThreads(threads).build())) {
            ortLoop(runner, profile, images, 0.5); // warm-up
            // repeats on the outside: a busy spell on the shared machine then hits every
            // configuration once instead of all repeats of one
            for (int r = 1; r <= repeats; r++) {
                for (DeliveryGuarantee delivery : deliveries) {
                    for (String policy : policies) {
                        for (int batch : batchSizes) {
                            double loopFps = ortLoop(runner, profile, images, loopSeconds);
                            Run run =
                                    runJob(
                                            kafka, in, spec, model, policy, batch, delivery, r,
                                            loopFps);
                            runs.add(run);
                            stderr.println(row(run));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** The demo's scenario shape: a Gilbert-Elliott uplink per camera, scaled per camera. */
    private ScenarioSpec scenario(ModelProfile profile, int totalFrames) {
        long durationMs = (long) Math.ceil(totalFrames / (devices * fps) * 1000);
        List<BandwidthTrace> traces =
                DemoScenarios.twoStateUplinks(
                        devices,
                        uplink.get(0),
                        uplink.get(uplink.size() - 1),
                        durationMs / 1e3 + 10,
                        42);
        return new ScenarioSpec(
                devices,
                durationMs,
                fps,
                profile.modelId(),
                profile.input(),
                List.of("jetson-tx2"),
                traces,
                10.0,
                42);
    }

    /** Produces the whole scenario; returns the frames' input tensors, in order (shared). */
    private static List<ByteBuffer> produce(
            EmbeddedKafka kafka, ScenarioSpec spec, EdgesplitTopics topics) {
        List<ByteBuffer> images = new ArrayList<>();
        // event times a little in the past: a fixed old epoch would fall to the broker's time-based
        // retention (7 days) within minutes, and the next run would find empty topics
        long start = System.currentTimeMillis() - spec.durationMs() - 60_000;
        try (AvroProducer p = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            ScenarioGenerator gen = new ScenarioGenerator(spec, start);
            while (gen.hasNext()) {
                ScenarioEvent e = gen.next();
                boolean frame = e.kind() == ScenarioEvent.Kind.FRAME;
                if (frame) {
                    // a view of the frame's (shared) image taken before the producer reads it
                    images.add(((Frame) e.record()).getTensors().get(0).getData().duplicate());
                }
                p.send(
                        frame ? topics.frames() : topics.telemetry(),
                        e.deviceId(),
                        e.record(),
                        start + e.offsetMs());
            }
            p.flush();
        }
        return images;
    }

    /**
     * The baseline: frames through {@link ModelRunner} one by one (batch 1), top-1 of each, for
     * about {@code seconds}; returns frames/s.
     */
    private static double ortLoop(
            ModelRunner runner, ModelProfile profile, List<ByteBuffer> images, double seconds) {
        String input = profile.input().name();
        long[] shape = profile.input().shape();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long sink = 0;
        do {
            ByteBuffer image = images.get((int) (n % images.size()));
            List<TensorData> outputs =
                    runner.run(new TensorData(input, ElementType.FLOAT, shape, image.duplicate()));
            sink += argmax(outputs.get(0).floats());
            n++;
        } while (System.nanoTime() < deadline);
        double fps = n / ((System.nanoTime() - start) / 1e9);
        if (sink < 0) {
            throw new IllegalStateException("negative class index");
        }
        return fps;
    }

    private static int argmax(FloatBuffer f) {
        int best = 0;
        for (int i = 1; i < f.remaining(); i++) {
            if (f.get(i) > f.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private Run runJob(
            EmbeddedKafka kafka,
            EdgesplitTopics in,
            ScenarioSpec spec,
            String model,
            String policy,
            int batch,
            DeliveryGuarantee delivery,
            int repeat,
            double loopFps)
            throws Exception {
        int n = ++runNumber;
        String prefix = "bench.run" + n + ".";
        EdgesplitTopics topics =
                new EdgesplitTopics(
                        in.telemetry(),
                        in.frames(),
                        prefix + "decisions",
                        prefix + "results",
                        prefix + "deadletters",
                        in.profiles());
        kafka.createTopics(1, topics.decisions(), topics.results(), topics.deadLetters());
        Path checkpoints = Files.createTempDirectory("edgesplit-bench-checkpoints");

        Configuration c = new Configuration();
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        c.set(KafkaOptions.TOPIC_TELEMETRY, topics.telemetry());
        c.set(KafkaOptions.TOPIC_FRAMES, topics.frames());
        c.set(KafkaOptions.TOPIC_PROFILES, topics.profiles());
        c.set(KafkaOptions.TOPIC_DECISIONS, topics.decisions());
        c.set(KafkaOptions.TOPIC_RESULTS, topics.results());
        c.set(KafkaOptions.TOPIC_DEAD_LETTERS, topics.deadLetters());
        c.set(KafkaOptions.GROUP_ID, "bench-run" + n);
        c.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "bench-run" + n);
        c.set(KafkaOptions.DELIVERY_GUARANTEE, delivery);
        c.set(EdgeJobOptions.MODELS, List.of(model));
        c.set(EdgeJobOptions.POLICY, policy);
        c.set(EdgeJobOptions.BATCH_SIZE, batch);
        c.set(EdgeJobOptions.THREADS, threads);
        c.set(EdgeJobOptions.PROVIDER, "cpu");
        c.set(EdgeJobOptions.EDGE_SERVER, "edge-cpu");
        c.set(EdgeJobOptions.DEFAULT_DEVICE_TYPE, "jetson-tx2");
        c.set(EdgeJobOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        c.set(EdgeJobOptions.CHECKPOINT_INTERVAL, checkpointInterval);
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        c.set(RestOptions.BIND_PORT, "18100-18199");
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        Configuration conf = EdgeJobMain.withJobDefaults(c);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        env.setParallelism(parallelism);
        EdgeJobMain.wire(env, conf);

        long expected = spec.totalFrames();
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, topics.results())) {
            long submitted = System.nanoTime();
            JobClient job = env.executeAsync("edgesplit pipeline benchmark run " + n);
            try {
                return collect(
                        consumer, job, expected, submitted, model, policy, batch, delivery, repeat,
                        loopFps);
            } catch (TimedOut t) {
                throw new IllegalStateException(
                        "run "
                                + n
                                + " timed out after "
                                + timeout
                                + " with "
                                + t.seen.size()
                                + " of "
                                + expected
                                + " results; "
                                + diagnose(kafka, topics, spec, t.seen),
                        t);
            } finally {
                cancel(job);
                deleteRecursively(checkpoints);
            }
        }
    }

    private Run collect(
            KafkaConsumer<String, byte[]> consumer,
            JobClient job,
            long expected,
            long submitted,
            String model,
            String policy,
            int batch,
            DeliveryGuarantee delivery,
            int repeat,
            double loopFps)
            throws Exception {
        AvroCodec<InferenceResult> codec = AvroCodec.of(InferenceResult.class);
        Set<String> seen = new HashSet<>();
        Map<Integer, Long> cuts = new TreeMap<>();
        long ok = 0;
        long skipped = 0;
        long failed = 0;
        long onDevice = 0;
        long batchedFrames = 0;
        long batchSum = 0;
        long firstAt = -1;
        long firstBurst = 0;
        long okFirstBurst = 0;
        long lastAt = -1;
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextStatusCheck = 0;
        while (seen.size() < expected) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new TimedOut(seen);
            }
            if (now > nextStatusCheck) {
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    throw new IllegalStateException(
                            "the job ended with status "
                                    + status
                                    + " after "
                                    + seen.size()
                                    + " of "
                                    + expected
                                    + " results");
                }
                nextStatusCheck = now + TimeUnit.SECONDS.toNanos(1);
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(20));
            if (records.isEmpty()) {
                continue;
            }
            long at = System.nanoTime();
            int fresh = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                InferenceResult r = codec.decode(record.value());
                if (!seen.add(r.getDeviceId() + "/" + r.getFrameId())) {
                    throw new IllegalStateException(
                            "duplicate result for frame "
                                    + r.getDeviceId()
                                    + "/"
                                    + r.getFrameId()
                                    + " on a read_committed consumer");
                }
                fresh++;
                if (r.getStatus() == ResultStatus.OK) {
                    ok++;
                    cuts.merge(r.getCut(), 1L, Long::sum);
                    if (r.getBatchSize() > 0) {
                        batchedFrames++;
                        batchSum += r.getBatchSize();
                    } else {
                        onDevice++;
                    }
                } else if (r.getStatus() == ResultStatus.SKIPPED) {
                    skipped++;
                } else {
                    failed++;
                }
            }
            if (firstAt < 0) {
                firstAt = at;
                firstBurst = fresh;
                okFirstBurst = ok;
            }
            lastAt = at;
        }
        double span = (lastAt - firstAt) / 1e9;
        double outcomeFps = span > 0 ? (expected - firstBurst) / span : Double.NaN;
        double inferenceFps = span > 0 ? (ok - okFirstBurst) / span : Double.NaN;
        return new Run(
                model,
                policy,
                batch,
                delivery,
                repeat,
                loopFps,
                expected,
                ok,
                skipped,
                failed,
                outcomeFps,
                inferenceFps,
                (firstAt - submitted) / 1e9,
                batchedFrames == 0 ? 0 : (double) batchSum / batchedFrames,
                ok == 0 ? 0 : (double) onDevice / ok,
                topCuts(cuts, ok));
    }

    /** Thrown when a run's results do not all arrive in time. */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> seen;

        TimedOut(Set<String> seen) {
            super("timed out with " + seen.size() + " results");
            this.seen = seen;
        }
    }

    /** Which frames have no committed result, and what the output topics hold uncommitted. */
    private static String diagnose(
            EmbeddedKafka kafka, EdgesplitTopics topics, ScenarioSpec spec, Set<String> seen) {
        StringBuilder s = new StringBuilder("missing (device: first missing frame, count):");
        for (int d = 0; d < spec.devices(); d++) {
            String device = spec.deviceId(d);
            long first = -1;
            long count = 0;
            for (long f = 0; f < spec.framesPerDevice(); f++) {
                if (!seen.contains(device + "/" + f)) {
                    first = first < 0 ? f : first;
                    count++;
                }
            }
            if (count > 0) {
                s.append(' ').append(device).append(": ").append(first).append(", ").append(count);
            }
        }
        s.append("; end offsets (uncommitted and markers included): results ")
                .append(uncommitted(kafka, topics.results()))
                .append(", decisions ")
                .append(uncommitted(kafka, topics.decisions()));
        return s.toString();
    }

    private static long uncommitted(EmbeddedKafka kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        return consumer;
    }

    /** Cancels the job and waits for it to end (its MiniCluster shuts down with it). */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(60, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the result of a cancelled job is its cancellation; anything else is a failure
            if (ExceptionUtils.findThrowable(e, JobCancellationException.class).isEmpty()) {
                throw e;
            }
        }
    }

    /** The most used cuts of processed frames, e.g. "0:100%" or "12:61% 66:30%". */
    private static String topCuts(Map<Integer, Long> cuts, long ok) {
        if (ok == 0) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        cuts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(3)
                .forEach(
                        e ->
                                s.append(s.length() == 0 ? "" : " ")
                                        .append(e.getKey())
                                        .append(':')
                                        .append(Math.round(100.0 * e.getValue() / ok))
                                        .append('%'));
        return s.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final String HEADER =
            "| model | policy | batch | sinks | run | ORT loop fps | job outcomes/s |"
                    + " job inferences/s | ratio | ok / skipped / failed | mean tail batch |"
                    + " on device | cuts (ok) | first result s |\n"
                    + "|---|---|--:|---|--:|--:|--:|--:|--:|---|--:|--:|---|--:|\n";

    private static String row(Run r) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %d | %.1f | %.1f | %.1f | %.2f | %d / %d / %d | %.2f |"
                        + " %.0f%% | %s | %.1f |",
                r.model(),
                r.policy(),
                r.batch(),
                shortName(r.delivery()),
                r.repeat(),
                r.loopFps(),
                r.outcomeFps(),
                r.inferenceFps(),
                r.ratio(),
                r.ok(),
                r.skipped(),
                r.failed(),
                r.meanTailBatch(),
                100 * r.onDevice(),
                r.cuts(),
                r.firstResultS());
    }

    private static String shortName(DeliveryGuarantee d) {
        return d == DeliveryGuarantee.EXACTLY_ONCE
                ? "exactly-once"
                : d.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String table(List<Run> runs) {
        StringBuilder s = new StringBuilder("All runs:\n\n").append(HEADER);
        for (Run r : runs) {
            s.append(row(r)).append('\n');
        }
        return s.toString();
    }

    /** Median and range over the repeats of each configuration. */
    private static String summary(List<Run> runs) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(
                            r.model() + "|" + r.policy() + "|" + r.batch() + "|" + r.delivery(),
                            k -> new ArrayList<>())
                    .add(r);
        }
        StringBuilder s =
                new StringBuilder(
                        "Summary (median [min-max] over the runs of each configuration):\n\n"
                                + "| model | policy | batch | sinks | runs | ORT loop fps |"
                                + " job outcomes/s | job inferences/s | ratio |\n"
                                + "|---|---|--:|---|--:|--:|--:|--:|--:|\n");
        groups.values()
                .forEach(
                        g -> {
                            Run f = g.get(0);
                            s.append(
                                    String.format(
                                            Locale.ROOT,
                                            "| %s | %s | %d | %s | %d | %s | %s | %s | %s |%n",
                                            f.model(),
                                            f.policy(),
                                            f.batch(),
                                            shortName(f.delivery()),
                                            g.size(),
                                            spread(g.stream().mapToDouble(Run::loopFps), "%.1f"),
                                            spread(g.stream().mapToDouble(Run::outcomeFps), "%.1f"),
                                            spread(
                                                    g.stream().mapToDouble(Run::inferenceFps),
                                                    "%.1f"),
                                            spread(g.stream().mapToDouble(Run::ratio), "%.2f")));
                        });
        return s.toString();
    }

    private static String spread(java.util.stream.DoubleStream values, String format) {
        double[] v = values.sorted().toArray();
        double median =
                v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, format, median)
                + (v.length > 1
                        ? " ["
                                + String.format(Locale.ROOT, format, v[0])
                                + "-"
                                + String.format(Locale.ROOT, format, v[v.length - 1])
                                + "]"
                        : "");
    }
}
