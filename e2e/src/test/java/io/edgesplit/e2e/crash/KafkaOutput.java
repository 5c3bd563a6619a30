package io.edgesplit.e2e.crash;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Decision;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.e2e.crash.RunOutput.DeadLetterValue;
import io.edgesplit.e2e.crash.RunOutput.DecisionValue;
import io.edgesplit.e2e.crash.RunOutput.FrameKey;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.client.KafkaClusters;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Creates a run's topics and reads what it committed. */
final class KafkaOutput {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private KafkaOutput() {}

    /** Creates all six topics with {@code partitions} partitions each (replication 1). */
    static void createTopics(String bootstrap, EdgesplitTopics topics, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = KafkaClusters.admin(bootstrap, "crash-harness")) {
            List<NewTopic> all =
                    topics.all().stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Waits until {@code topic} holds at least one record. */
    static void awaitRecords(String bootstrap, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = KafkaClusters.admin(bootstrap, "crash-harness")) {
            while (true) {
                var partitions =
                        admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(topic)
                                .partitions();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(
                        p ->
                                latest.put(
                                        new TopicPartition(topic, p.partition()),
                                        OffsetSpec.latest()));
                long records =
                        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                                .sum();
                if (records > 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "no record reached "
                                    + topic
                                    + " within "
                                    + timeout
                                    + ": see the replay's log");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** Every committed result, decision and dead letter of {@code topics}, in topic order. */
    static RunOutput read(String bootstrap, EdgesplitTopics topics) {
        AvroCodec<InferenceResult> results = AvroCodec.of(InferenceResult.class);
        AvroCodec<Decision> decisions = AvroCodec.of(Decision.class);
        AvroCodec<DeadLetter> deadLetters = AvroCodec.of(DeadLetter.class);
        return new RunOutput(
                TopicReader.readAll(bootstrap, topics.results(), READ_TIMEOUT).stream()
                        .map(r -> results.decode(r.value()))
                        .map(r -> new FrameKey(r.getDeviceId().toString(), r.getFrameId()))
                        .toList(),
                TopicReader.readAll(bootstrap, topics.decisions(), READ_TIMEOUT).stream()
                        .map(r -> decision(decisions.decode(r.value())))
                        .toList(),
                TopicReader.readAll(bootstrap, topics.deadLetters(), READ_TIMEOUT).stream()
                        .map(r -> deadLetter(deadLetters.decode(r.value()), topics))
                        .toList());
    }

    private static DecisionValue decision(Decision d) {
        return new DecisionValue(
                new FrameKey(d.getDeviceId().toString(), d.getFrameId()),
                d.getCut(),
                d.getGpuClockHz(),
                d.getUplinkBps(),
                d.getAdmitted());
    }

    private static DeadLetterValue deadLetter(DeadLetter d, EdgesplitTopics topics) {
        String source = d.getSourceTopic().toString();
        String role =
                source.equals(topics.frames())
                        ? "frames"
                        : source.equals(topics.telemetry()) ? "telemetry" : source;
        byte[] raw = d.getRaw() == null ? new byte[0] : toArray(d.getRaw());
        return new DeadLetterValue(
                role,
                d.getPartition(),
                d.getOffset(),
                new String(raw, StandardCharsets.ISO_8859_1));
    }

    private static byte[] toArray(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
