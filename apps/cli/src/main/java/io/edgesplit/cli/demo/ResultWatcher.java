package io.edgesplit.cli.demo;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Decision;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.cli.dashboard.LiveStats;
import io.edgesplit.schemas.AvroCodec;
import io.edgesplit.schemas.AvroDecodeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the results and dead-letter topics as a {@code read_committed} consumer would (so it sees
 * exactly what downstream users see), keeps statistics, checks each frame has one outcome, and
 * writes them to CSV files. With a dashboard it also reads the decisions topic and feeds the
 * dashboard's {@link LiveStats} (counters only). Runs on its own thread until {@link #stop()}.
 */
final class ResultWatcher implements Runnable, AutoCloseable {

    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String resultsTopic;
    private final String deadLettersTopic;
    private final String decisionsTopic;
    private final LiveStats live;
    private final AvroCodec<InferenceResult> results = AvroCodec.of(InferenceResult.class);
    private final AvroCodec<DeadLetter> deadLetters = AvroCodec.of(DeadLetter.class);
    private final AvroCodec<Decision> decisions = AvroCodec.of(Decision.class);
    private final BufferedWriter resultsCsv;
    private final BufferedWriter deadLettersCsv;

    private final ResultStats stats = new ResultStats();
    private final PipelineStats pipeline = new PipelineStats();
    private final Set<String> seen = new HashSet<>();

    /** Wall-clock nanos of the outcomes of the last {@link #RATE_WINDOW_NANOS}. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    private final long started = System.nanoTime();
    private long outcomes;
    private long duplicates;
    private long deadLetterCount;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * @param decisionsTopic the controller's decisions, read only for {@code live}
     * @param live the dashboard's statistics, or null without a dashboard
     */
    ResultWatcher(
            String bootstrap,
            String resultsTopic,
            String deadLettersTopic,
            String decisionsTopic,
            Path outDir,
            LiveStats live)
            throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "edgesplit-demo-watcher");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.resultsTopic = resultsTopic;
        this.deadLettersTopic = deadLettersTopic;
        this.decisionsTopic = decisionsTopic;
        this.live = live;
        Files.createDirectories(outDir);
        this.resultsCsv = Files.newBufferedWriter(outDir.resolve("results.csv"));
        this.deadLettersCsv = Files.newBufferedWriter(outDir.resolve("deadletters.csv"));
        resultsCsv.write(
                "device,frame,model,cut,status,top1,score,policy,queue_ms,head_ms,transfer_ms,tail_ms,e2e_ms,energy_j,batch,provider,reason\n");
        deadLettersCsv.write("topic,partition,offset,key,reason,bytes\n");
    }

    @Override
    public void run() {
        try {
            List<String> topics = new ArrayList<>(List.of(resultsTopic, deadLettersTopic));
            if (live != null) {
                topics.add(decisionsTopic);
            }
            consumer.subscribe(topics);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(resultsTopic)) {
                        onResult(results.decode(r.value()));
                    } else if (r.topic().equals(deadLettersTopic)) {
                        onDeadLetter(deadLetters.decode(r.value()));
                    } else {
                        live.onDecision(decisions.decode(r.value()));
                    }
                }
            }
        } catch (AvroDecodeException e) {
            failure =
                    new IllegalStateException(
                            "the job wrote a record the demo cannot decode: " + e.getMessage(), e);
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private synchronized void onResult(InferenceResult r) throws IOException {
        if (!seen.add(r.getDeviceId() + "/" + r.getFrameId())) {
            duplicates++;
            return;
        }
        outcomes++;
        stats.add(r);
        pipeline.add(r);
        if (live != null) {
            live.onResult(r);
        }
        long now = System.nanoTime();
        recent.addLast(now);
        dropOlderThanWindow(now);
        resultsCsv.write(
                String.format(
                        Locale.ROOT,
                        "%s,%d,%s,%d,%s,%s,%s,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.5f,%d,%s,%s%n",
                        r.getDeviceId(),
                        r.getFrameId(),
                        r.getModelId(),
                        r.getCut(),
                        r.getStatus(),
                        r.getTop1() == null ? "" : r.getTop1(),
                        r.getScore() == null ? "" : r.getScore(),
                        r.getPolicy() == null ? "" : r.getPolicy(),
                        r.getQueueWaitMs(),
                        r.getHeadMs(),
                        r.getTransferMs(),
                        r.getTailMs(),
                        r.getEndToEndMs(),
                        r.getEnergyJ(),
                        r.getBatchSize(),
                        r.getExecutionProvider(),
                        csv(r.getReason())));
    }

    private synchronized void onDeadLetter(DeadLetter d) throws IOException {
        deadLetterCount++;
        if (live != null) {
            live.onDeadLetter();
        }
        deadLettersCsv.write(
                String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%s,%s,%d%n",
                        d.getSourceTopic(),
                        d.getPartition(),
                        d.getOffset(),
                        d.getKey() == null
                                ? ""
                                : new String(
                                        bytes(d.getKey()), java.nio.charset.StandardCharsets.UTF_8),
                        csv(d.getReason()),
                        d.getRaw() == null ? 0 : d.getRaw().remaining()));
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static String csv(String s) {
        return s == null ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    synchronized long outcomes() {
        return outcomes;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long deadLetters() {
        return deadLetterCount;
    }

    /** Outcomes per second over the last five seconds (wall clock). */
    synchronized double recentRate() {
        long now = System.nanoTime();
        dropOlderThanWindow(now);
        double window = Math.min(RATE_WINDOW_NANOS, now - started) / 1e9;
        return window <= 0 ? 0 : recent.size() / window;
    }

    private void dropOlderThanWindow(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() > RATE_WINDOW_NANOS) {
            recent.pollFirst();
        }
    }

    /** Counts for the progress line, taken under the watcher's lock. */
    record Snapshot(
            long outcomes,
            long ok,
            long skipped,
            long failed,
            double p95Ms,
            long deadLetters,
            double rate) {}

    synchronized Snapshot snapshot() {
        ResultStats.Group g = stats.all();
        return new Snapshot(
                outcomes,
                g.ok(),
                g.skipped(),
                g.failed(),
                g.latencyPercentile(95),
                deadLetterCount,
                recentRate());
    }

    /** The statistics; read them only after the watcher stopped. */
    synchronized ResultStats stats() {
        return stats;
    }

    /** The pipeline job's results against its plan (empty for the two-party job). */
    synchronized PipelineStats pipeline() {
        return pipeline;
    }

    RuntimeException failure() {
        return failure;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public synchronized void close() throws IOException {
        running = false;
        try {
            resultsCsv.close();
        } finally {
            deadLettersCsv.close();
        }
    }
}
