package io.edgesplit.kafka.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The job's topics on a fresh cluster: all six, with the configured names, existing ones kept. */
class JobTopicsITCase {

    @Test
    void createsTheJobsMissingTopicsWithTheirConfiguredNames() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            kafka.createTopics(3, "edgesplit.results");
            Configuration conf = new Configuration();
            conf.set(KafkaOptions.TOPIC_FRAMES, "cams.frames");
            conf.set(KafkaOptions.MAX_MESSAGE_BYTES, MemorySize.parse("4 mb"));
            List<String> lines = new ArrayList<>();

            Map<String, Integer> created =
                    JobTopics.createMissing(kafka.bootstrapServers(), conf, lines::add);
            Map<String, Integer> again =
                    JobTopics.createMissing(kafka.bootstrapServers(), conf, lines::add);

            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("edgesplit.telemetry", 2);
            expected.put("cams.frames", 2);
            expected.put("edgesplit.profiles", 1);
            expected.put("edgesplit.decisions", 1);
            expected.put("edgesplit.deadletters", 1);
            assertThat(created).containsExactlyEntriesOf(expected);
            assertThat(again).isEmpty();
            assertThat(lines)
                    .containsExactly(
                            "created topic edgesplit.telemetry (2 partitions)",
                            "created topic cams.frames (2 partitions)",
                            "created topic edgesplit.profiles (1 partition)",
                            "created topic edgesplit.decisions (1 partition)",
                            "created topic edgesplit.deadletters (1 partition)");
            try (Admin admin = kafka.admin()) {
                assertThat(partitions(admin, "cams.frames")).isEqualTo(2);
                assertThat(partitions(admin, "edgesplit.results")).as("left alone").isEqualTo(3);
                ConfigResource frames =
                        new ConfigResource(ConfigResource.Type.TOPIC, "cams.frames");
                Config config = admin.describeConfigs(List.of(frames)).all().get().get(frames);
                assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())
                        .isEqualTo(Long.toString(4L * 1024 * 1024));
            }
        }
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
    }
}
