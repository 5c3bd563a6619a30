package io.edgesplit.kafka.client;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creating the topics the edge job reads and writes, so a fresh cluster can run it: the one place
 * used by {@code edgesplit replay --create-topics}, {@code edgesplit job --create-topics} and
 * anything else that prepares a cluster. Topics that exist are left as they are.
 */
public final class JobTopics {

    /** Partitions of a created telemetry or frames topic (as {@code edgesplit broker}). */
    public static final int INPUT_PARTITIONS = 2;

    /** Partitions of the job's other created topics (profiles and the outputs). */
    public static final int OTHER_PARTITIONS = 1;

    private JobTopics() {}

    /**
     * The job's six topics with the partitions they get when created: {@link #INPUT_PARTITIONS} for
     * telemetry and frames, {@link #OTHER_PARTITIONS} for the others; inputs first.
     */
    public static Map<String, Integer> defaultPartitions(EdgesplitTopics topics) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String t : topics.all()) {
            boolean input = t.equals(topics.telemetry()) || t.equals(topics.frames());
            out.put(t, input ? INPUT_PARTITIONS : OTHER_PARTITIONS);
        }
        return out;
    }

    /**
     * Creates the job's topics named in {@code config} ({@code edgesplit.kafka.topic.*}) that do
     * not exist on the cluster, with {@link #defaultPartitions} and a {@code max.message.bytes} of
     * the job's {@code edgesplit.kafka.max-message-bytes}.
     *
     * @param report receives one line per created topic
     * @return the created topics and their partitions, in creation order
     * @throws IllegalStateException if the cluster does not answer within 30 s or refuses
     */
    public static Map<String, Integer> createMissing(
            String bootstrapServers, ReadableConfig config, Consumer<String> report) {
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(config);
        long maxMessageBytes = config.get(KafkaOptions.MAX_MESSAGE_BYTES).getBytes();
        try (Admin admin =
                KafkaClusters.admin(
                        bootstrapServers,
                        KafkaClientProperties.fromConfig(config),
                        "edgesplit-topic-setup")) {
            Map<String, Integer> created =
                    createMissing(
                            admin, bootstrapServers, defaultPartitions(topics), maxMessageBytes);
            created.forEach((t, n) -> report.accept(createdLine(t, n)));
            return created;
        }
    }

    /**
     * Creates those of {@code partitions}' topics that do not exist, each with its partition count,
     * the broker's default replication factor and {@code max.message.bytes} = {@code
     * maxMessageBytes} (so records as large as the job's limit fit whatever the broker's default);
     * topics that exist, or appear meanwhile, are left as they are.
     *
     * @return the created topics and their partitions, in the order given
     * @throws IllegalStateException if the cluster does not answer within 30 s or refuses
     */
    public static Map<String, Integer> createMissing(
            Admin admin,
            String bootstrapServers,
            Map<String, Integer> partitions,
            long maxMessageBytes) {
        Set<String> existing =
                KafkaClusters.topicNames(admin, bootstrapServers, KafkaClusters.ANSWER_TIMEOUT);
        Map<String, Integer> missing = new LinkedHashMap<>();
        partitions.forEach(
                (t, n) -> {
                    if (!existing.contains(t)) {
                        missing.put(t, n);
                    }
                });
        create(
                admin,
                missing,
                Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(maxMessageBytes)));
        return missing;
    }

    /**
     * Creates topics with the given partition counts, configs and the broker's default replication
     * factor; topics that exist by then are left as they are.
     */
    public static void create(
            Admin admin, Map<String, Integer> partitions, Map<String, String> configs) {
        List<NewTopic> topics = new ArrayList<>();
        partitions.forEach(
                (name, n) ->
                        topics.add(
                                new NewTopic(name, Optional.of(n), Optional.empty())
                                        .configs(configs)));
        for (var e : admin.createTopics(topics).values().entrySet()) {
            try {
                e.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(),
                            ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new IllegalStateException(
                        "creating topic " + e.getKey() + " did not finish within 30 s", ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", ex);
            }
        }
    }

    /** "created topic edgesplit.frames (2 partitions)". */
    public static String createdLine(String topic, int partitions) {
        return "created topic "
                + topic
                + " ("
                + partitions
                + " partition"
                + (partitions == 1 ? "" : "s")
                + ")";
    }
}
