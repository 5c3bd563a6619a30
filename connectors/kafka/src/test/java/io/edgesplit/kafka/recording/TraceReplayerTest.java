package io.edgesplit.kafka.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.kafka.recording.TraceReplayer.Options;
import io.edgesplit.kafka.recording.TraceReplayer.TimestampMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replayer against Kafka's in-memory MockProducer: order, topics, timestamps, options. */
class TraceReplayerTest {

    @TempDir Path tmp;

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Options options(Map<String, String> map, TimestampMode mode, int loops) {
        return new Options(List.of(), map, 0, 0, loops, mode, false);
    }

    @Test
    void sendsTheMergedRecordsWithTheirBytesHeadersAndTimestamps() throws Exception {
        List<TraceRecord> records = TraceSamples.mixed();
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, records);
        MockProducer<byte[], byte[]> producer = producer();

        TraceReplayer.Summary s =
                new TraceReplayer(
                                TraceReader.open(dir),
                                options(
                                        Map.of(TraceSamples.FRAMES, "copy.frames"),
                                        TimestampMode.KEEP,
                                        1))
                        .run(producer, null);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        List<TraceRecord> expected = TraceSamples.readAll(dir);
        assertThat(sent).hasSize(expected.size());
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<byte[], byte[]> p = sent.get(i);
            TraceRecord r = expected.get(i);
            assertThat(p.topic())
                    .isEqualTo(r.topic().equals(TraceSamples.FRAMES) ? "copy.frames" : r.topic());
            assertThat(p.partition()).isNull();
            assertThat(p.timestamp()).isEqualTo(r.timestamp());
            assertThat(p.key()).isEqualTo(r.key());
            assertThat(p.value()).isEqualTo(r.value());
            assertThat(p.headers().toArray())
                    .extracting(Header::key)
                    .containsExactlyElementsOf(r.headers().stream().map(TraceHeader::key).toList());
        }
        assertThat(s.records()).isEqualTo(60);
        assertThat(s.recordsByTopic())
                .containsExactly(
                        Map.entry(TraceSamples.TELEMETRY, 40L), Map.entry("copy.frames", 20L));
        assertThat(s.loops()).isEqualTo(1);
        assertThat(s.stopped()).isFalse();
    }

    @Test
    void shiftMovesEveryTimestampByTheSameDeltaAndLoopsByOnePeriod() throws Exception {
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, TraceSamples.mixed());
        TraceReplayer replayer =
                new TraceReplayer(TraceReader.open(dir), options(Map.of(), TimestampMode.SHIFT, 2));
        MockProducer<byte[], byte[]> producer = producer();
        long before = System.currentTimeMillis();

        replayer.run(producer, null);

        List<TraceRecord> recorded = TraceSamples.readAll(dir);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2 * recorded.size());
        long delta = sent.get(0).timestamp() - recorded.get(0).timestamp();
        assertThat(sent.get(0).timestamp()).isGreaterThanOrEqualTo(before);
        for (int i = 0; i < sent.size(); i++) {
            int loop = i / recorded.size();
            assertThat(sent.get(i).timestamp())
                    .isEqualTo(
                            recorded.get(i % recorded.size()).timestamp()
                                    + delta
                                    + loop * replayer.loopPeriodMs());
        }
    }

    @Test
    void anEmptyTraceEndsEvenWhenLoopingForever() throws Exception {
        Path dir = tmp.resolve("empty");
        TraceSamples.write(dir, List.of());
        MockProducer<byte[], byte[]> producer = producer();

        TraceReplayer.Summary s =
                new TraceReplayer(TraceReader.open(dir), options(Map.of(), TimestampMode.SHIFT, 0))
                        .run(producer, null);

        assertThat(s.records()).isZero();
        assertThat(s.firstTimestamp()).isNull();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aStoppedReplayFlushesAndSaysSo() throws Exception {
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, TraceSamples.mixed());
        TraceReplayer replayer =
                new TraceReplayer(TraceReader.open(dir), options(Map.of(), TimestampMode.KEEP, 0));
        MockProducer<byte[], byte[]> producer = producer();

        TraceReplayer.Summary s =
                replayer.run(
                        producer,
                        p -> {
                            if (p.records() == 5) {
                                replayer.stop();
                            }
                        });

        assertThat(s.stopped()).isTrue();
        assertThat(s.records()).isEqualTo(5);
        assertThat(producer.history()).hasSize(5);
    }

    @Test
    void refusesTopicsThatAreNotInTheTrace() {
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, TraceSamples.mixed());
        TraceReader reader = TraceReader.open(dir);

        assertThatThrownBy(
                        () ->
                                new TraceReplayer(
                                        reader,
                                        new Options(
                                                List.of("t.nope"),
                                                Map.of(),
                                                1,
                                                0,
                                                1,
                                                TimestampMode.KEEP,
                                                false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "topic 't.nope' is not in the trace "
                                + dir
                                + " (it has t.telemetry, t.frames)");
        assertThatThrownBy(
                        () ->
                                new TraceReplayer(
                                        reader,
                                        new Options(
                                                List.of(TraceSamples.FRAMES),
                                                Map.of(TraceSamples.TELEMETRY, "x"),
                                                1,
                                                0,
                                                1,
                                                TimestampMode.KEEP,
                                                false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "mapped topic 't.telemetry' is not among the topics to replay (t.frames)");
    }

    @Test
    void refusesAnInvalidTargetTopicName() {
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, TraceSamples.mixed());
        TraceReader reader = TraceReader.open(dir);

        assertThatThrownBy(
                        () ->
                                new TraceReplayer(
                                        reader,
                                        options(
                                                Map.of(TraceSamples.FRAMES, "bad topic"),
                                                TimestampMode.KEEP,
                                                1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "target topic name 'bad topic' is invalid: use 1-249 characters from a-z,"
                                + " A-Z, 0-9, '.', '_' and '-'");
    }
}
