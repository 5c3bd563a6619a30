package io.edgesplit.kafka.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import io.edgesplit.kafka.recording.TraceReplayer.TimestampMode;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record -> replay -> record against a real (embedded) broker gives the same records: keys, value
 * bytes, headers, order per key, and timestamps as the chosen mode says.
 */
class TraceRecordReplayITCase {

    private static final long MAX_BYTES = KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes();
    private static final int SOURCE_RECORDS = 60;
    private static final String ABORTED = "aborted";

    private static EmbeddedKafka kafka;

    @TempDir static Path shared;
    @TempDir Path tmp;

    /** The recording of the source topics every test replays. */
    private static Path source;

    @BeforeAll
    static void startKafkaAndRecordTheSource() throws Exception {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(2, "src.telemetry");
        kafka.createTopics(3, "src.frames");
        produceSource();
        source = shared.resolve("source");
        TraceRecorder.Summary s =
                record(source, List.of("src.telemetry", "src.frames"), Optional.empty());
        assertThat(s.reason()).isEqualTo(TraceRecorder.StopReason.END_REACHED);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void recordingHoldsTheCommittedRecordsOnly() {
        TraceManifest m = TraceReader.open(source).manifest();
        List<TraceRecord> records = TraceSamples.readAll(source);

        assertThat(m.records()).isEqualTo(SOURCE_RECORDS + 1);
        assertThat(m.topic("src.frames").partitionCount()).isEqualTo(3);
        assertThat(m.topic("src.telemetry").schemas())
                .extracting(TraceManifest.SchemaCount::type)
                .containsExactly("DeviceTelemetry");
        assertThat(m.topic("src.telemetry").otherValues()).isEqualTo(1);
        assertThat(records)
                .noneMatch(r -> r.keyString() != null && r.keyString().equals(ABORTED))
                .allMatch(TraceRecord::recorded);
    }

    @Test
    void replayWithKeptTimestampsGivesTheSameRecords() throws Exception {
        replay(source, "keep.", TimestampMode.KEEP, 0, 1, false);
        Path again = tmp.resolve("again");
        record(again, List.of("keep.src.telemetry", "keep.src.frames"), Optional.empty());

        assertThat(perKey(TraceSamples.readAll(again), "keep.", true))
                .isEqualTo(perKey(TraceSamples.readAll(source), "", true));
        assertThat(TraceReader.open(again).manifest().topic("keep.src.frames").partitionCount())
                .isEqualTo(3);
    }

    @Test
    void replayWithShiftedTimestampsMovesThemAllByOneDelta() throws Exception {
        long before = System.currentTimeMillis();
        replay(source, "shift.", TimestampMode.SHIFT, 0, 1, false);
        Path again = tmp.resolve("again");
        record(again, List.of("shift.src.telemetry", "shift.src.frames"), Optional.empty());
        List<TraceRecord> original = TraceSamples.readAll(source);
        List<TraceRecord> replayed = TraceSamples.readAll(again);

        assertThat(perKey(replayed, "shift.", false)).isEqualTo(perKey(original, "", false));
        Map<String, List<Long>> originalTs = timestamps(original, "");
        Map<String, List<Long>> replayedTs = timestamps(replayed, "shift.");
        long delta =
                replayedTs.get("src.frames|cam-0").get(0)
                        - originalTs.get("src.frames|cam-0").get(0);
        assertThat(delta).isGreaterThanOrEqualTo(before - AvroSamples.T0);
        originalTs.forEach(
                (k, ts) ->
                        assertThat(replayedTs.get(k))
                                .isEqualTo(ts.stream().map(t -> t + delta).toList()));
        assertThat(TraceReader.open(again).manifest().firstTimestamp())
                .isGreaterThanOrEqualTo(before);
    }

    @Test
    void speedIsHonouredAsSeenByTheBrokersAppendTimes() throws Exception {
        // 11 records 100 ms apart; at speed 2 the last is sent no sooner than 500 ms after the
        // first
        Path trace = tmp.resolve("paced");
        try (TraceWriter w = TraceWriter.builder(trace).create()) {
            for (int i = 0; i <= 10; i++) {
                w.append(
                        TraceRecord.generated(
                                "paced",
                                "cam-0",
                                TraceSamples.frame("cam-0", i),
                                AvroSamples.T0 + 100L * i));
            }
        }
        try (Admin admin = kafka.admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("appended", 1, (short) 1)
                                            .configs(
                                                    Map.of(
                                                            "message.timestamp.type",
                                                            "LogAppendTime"))))
                    .all()
                    .get();
        }

        TraceReplayer.Summary s =
                replay(trace, Map.of("paced", "appended"), TimestampMode.SHIFT, 2, 1, false);
        Path again = tmp.resolve("again");
        record(again, List.of("appended"), Optional.empty());
        List<TraceRecord> appended = TraceSamples.readAll(again);

        assertThat(s.records()).isEqualTo(11);
        assertThat(appended)
                .hasSize(11)
                .allMatch(r -> r.timestampType() == TimestampType.LOG_APPEND_TIME);
        long span = appended.get(10).timestamp() - appended.get(0).timestamp();
        assertThat(span).as("broker append-time span at speed 2").isGreaterThanOrEqualTo(450);
    }

    @Test
    void loopsWithRewrittenPayloadsSendNewFrameIdsAndMatchingEventTimes() throws Exception {
        Path trace = tmp.resolve("loop");
        try (TraceWriter w = TraceWriter.builder(trace).topics(List.of("lt", "lf")).create()) {
            for (int i = 0; i < 3; i++) {
                long ts = AvroSamples.T0 + 100L * i;
                w.append(
                        TraceRecord.generated(
                                "lt",
                                "cam-0",
                                AvroCodec.of(DeviceTelemetry.class)
                                        .encode(AvroSamples.telemetry("cam-0", ts, 1e6)),
                                ts));
                Frame f = AvroSamples.frame("cam-0", i, 8);
                f.setCaptureTime(java.time.Instant.ofEpochMilli(ts));
                w.append(
                        TraceRecord.generated(
                                "lf", "cam-0", AvroCodec.of(Frame.class).encode(f), ts));
            }
        }
        TraceReplayer.Summary s =
                replay(
                        trace,
                        Map.of("lt", "loop.lt", "lf", "loop.lf"),
                        TimestampMode.SHIFT,
                        0,
                        2,
                        true);
        Path again = tmp.resolve("again");
        record(again, List.of("loop.lt", "loop.lf"), Optional.empty());
        List<TraceRecord> back = TraceSamples.readAll(again);

        assertThat(s.loops()).isEqualTo(2);
        assertThat(s.payloadsRewritten()).isEqualTo(12);
        List<Long> frameIds = new ArrayList<>();
        for (TraceRecord r : back) {
            if (r.topic().equals("loop.lf")) {
                Frame f = AvroCodec.of(Frame.class).decode(r.value());
                frameIds.add(f.getFrameId());
                assertThat(f.getCaptureTime().toEpochMilli()).isEqualTo(r.timestamp());
            } else {
                DeviceTelemetry t = AvroCodec.of(DeviceTelemetry.class).decode(r.value());
                assertThat(t.getEventTime().toEpochMilli()).isEqualTo(r.timestamp());
            }
        }
        assertThat(frameIds).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        List<Long> ts =
                back.stream()
                        .filter(r -> r.topic().equals("loop.lf"))
                        .map(TraceRecord::timestamp)
                        .toList();
        // the second loop starts one period (span 200 ms + average gap 40 ms) after the first
        assertThat(ts.get(3) - ts.get(0)).isEqualTo(240);
    }

    @Test
    void stoppingARecordingWritesAValidManifest() throws Exception {
        kafka.createTopics(1, "endless");
        try (KafkaProducer<byte[], byte[]> p =
                TraceReplayer.producer(
                        kafka.bootstrapServers(), MAX_BYTES, KafkaClientProperties.NONE)) {
            for (int i = 0; i < 20; i++) {
                p.send(
                        new ProducerRecord<>(
                                "endless",
                                key("k"),
                                TraceSamples.telemetry("k", AvroSamples.T0 + i)));
            }
        }
        Path dir = tmp.resolve("stopped");
        AtomicLong seen = new AtomicLong();
        AtomicReference<TraceRecorder.Summary> summary = new AtomicReference<>();
        try (TraceRecorder recorder =
                        new TraceRecorder(
                                kafka.bootstrapServers(), MAX_BYTES, KafkaClientProperties.NONE);
                TraceWriter writer = TraceWriter.builder(dir).create()) {
            Thread t =
                    new Thread(
                            () ->
                                    summary.set(
                                            recorder.record(
                                                    writer,
                                                    new TraceRecorder.Options(
                                                            List.of("endless"),
                                                            true,
                                                            false,
                                                            null,
                                                            0),
                                                    w -> seen.set(w.records()))));
            t.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.get() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            recorder.stop();
            t.join(60_000);
        }

        assertThat(summary.get().reason()).isEqualTo(TraceRecorder.StopReason.STOPPED);
        assertThat(TraceReader.open(dir).manifest().records()).isEqualTo(20);
        assertThat(TraceReader.open(dir).verify()).isEqualTo(20);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * 60 records of 5 devices over two topics (some with headers), a tombstone, an aborted
     * transaction.
     */
    private static void produceSource() throws Exception {
        try (KafkaProducer<byte[], byte[]> p =
                TraceReplayer.producer(
                        kafka.bootstrapServers(), MAX_BYTES, KafkaClientProperties.NONE)) {
            for (int i = 0; i < SOURCE_RECORDS; i++) {
                String device = "cam-" + i % 5;
                long ts = AvroSamples.T0 + 20L * i;
                boolean frame = i % 3 == 0;
                RecordHeaders headers = new RecordHeaders();
                if (i % 4 == 0) {
                    headers.add("trace-id", ("t" + i).getBytes(StandardCharsets.UTF_8));
                    headers.add("empty", null);
                }
                p.send(
                        new ProducerRecord<>(
                                frame ? "src.frames" : "src.telemetry",
                                null,
                                ts,
                                key(device),
                                frame
                                        ? TraceSamples.frame(device, i)
                                        : TraceSamples.telemetry(device, ts),
                                headers));
            }
            p.send(
                    new ProducerRecord<byte[], byte[]>(
                            "src.telemetry", null, AvroSamples.T0 + 5000, key("cam-0"), null));
        }
        Properties tx = new Properties();
        tx.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        tx.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "trace-it-aborted");
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(tx, new ByteArraySerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = 0; i < 3; i++) {
                p.send(
                        new ProducerRecord<>(
                                "src.frames", key(ABORTED), TraceSamples.frame(ABORTED, i)));
            }
            p.flush();
            p.abortTransaction();
        }
    }

    private static TraceRecorder.Summary record(Path dir, List<String> topics, Optional<Long> max) {
        try (TraceRecorder r =
                        new TraceRecorder(
                                kafka.bootstrapServers(), MAX_BYTES, KafkaClientProperties.NONE);
                TraceWriter w = TraceWriter.builder(dir).topics(topics).create()) {
            return r.record(
                    w, new TraceRecorder.Options(topics, true, true, null, max.orElse(0L)), null);
        }
    }

    private static TraceReplayer.Summary replay(
            Path trace, String prefix, TimestampMode mode, double speed, int loops, boolean rewrite)
            throws InterruptedException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String t : TraceReader.open(trace).manifest().topicNames()) {
            map.put(t, prefix + t);
        }
        return replay(trace, map, mode, speed, loops, rewrite);
    }

    private static TraceReplayer.Summary replay(
            Path trace,
            Map<String, String> map,
            TimestampMode mode,
            double speed,
            int loops,
            boolean rewrite)
            throws InterruptedException {
        TraceReplayer replayer =
                new TraceReplayer(
                        TraceReader.open(trace),
                        new TraceReplayer.Options(List.of(), map, speed, 0, loops, mode, rewrite));
        try (Admin admin = kafka.admin();
                KafkaProducer<byte[], byte[]> p =
                        TraceReplayer.producer(
                                kafka.bootstrapServers(), MAX_BYTES, KafkaClientProperties.NONE)) {
            Map<String, Integer> missing = new LinkedHashMap<>();
            for (String t :
                    TraceReplayer.missingTopics(
                            admin, kafka.bootstrapServers(), replayer.targetTopics().keySet())) {
                missing.put(t, replayer.targetTopics().get(t));
            }
            TraceReplayer.createTopics(admin, missing);
            replayer.targetTopics().keySet().forEach(p::partitionsFor);
            return replayer.run(p, null);
        }
    }

    /**
     * (topic without prefix | key) -> the records of that key in that topic, in order, as (value,
     * headers[, timestamp]): what a replay must keep.
     */
    private static Map<String, List<List<Object>>> perKey(
            List<TraceRecord> records, String prefix, boolean withTimestamps) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            List<Object> fields = new ArrayList<>();
            fields.add(r.value() == null ? "null" : java.util.HexFormat.of().formatHex(r.value()));
            fields.add(r.headers());
            if (withTimestamps) {
                fields.add(r.timestamp());
            }
            out.computeIfAbsent(group(r, prefix), k -> new ArrayList<>()).add(fields);
        }
        return new java.util.TreeMap<>(out);
    }

    private static Map<String, List<Long>> timestamps(List<TraceRecord> records, String prefix) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            out.computeIfAbsent(group(r, prefix), k -> new ArrayList<>()).add(r.timestamp());
        }
        return out;
    }

    private static String group(TraceRecord r, String prefix) {
        assertThat(r.topic()).startsWith(prefix);
        return r.topic().substring(prefix.length()) + "|" + r.keyString();
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }
}
