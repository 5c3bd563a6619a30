package io.edgesplit.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.schemas.AvroCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The embedded broker: starts, takes large records, creates topics, cleans up after itself. */
class EmbeddedKafkaITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Larger than Kafka's 1 MiB default, like an early-layer activation. */
    private static final int LARGE_PAYLOAD = 3 * 1024 * 1024;

    @Test
    void carriesLargeRecordsWithTheirTimestampsAndDeletesItsData() throws Exception {
        Path dataDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            dataDir = kafka.dataDir();
            kafka.createTopics(2, "frames", "other");
            kafka.createTopics(2, "frames");
            Frame frame = AvroSamples.frame("tx2-1", 7L, LARGE_PAYLOAD);

            RecordMetadata sent;
            try (AvroProducer producer = AvroProducer.builder(kafka.bootstrapServers()).build()) {
                sent = producer.send("frames", "tx2-1", frame, AvroSamples.T0).get();
            }
            List<ConsumerRecord<String, byte[]>> read =
                    TopicReader.poll(kafka.bootstrapServers(), "frames", 1, TIMEOUT);

            assertThat(sent.serializedValueSize()).isGreaterThan(LARGE_PAYLOAD);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).key()).isEqualTo("tx2-1");
            assertThat(read.get(0).timestamp()).isEqualTo(AvroSamples.T0);
            assertThat(AvroCodec.of(Frame.class).decode(read.get(0).value())).isEqualTo(frame);
            try (Admin admin = kafka.admin()) {
                assertThat(admin.listTopics().names().get()).contains("frames", "other");
                assertThat(
                                admin.describeTopics(List.of("frames"))
                                        .allTopicNames()
                                        .get()
                                        .get("frames")
                                        .partitions())
                        .hasSize(2);
            }
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void listensOnAFixedPort() throws IOException, InterruptedException, ExecutionException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).start()) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            kafka.createTopics(1, "t");
            try (AvroProducer producer = AvroProducer.builder(kafka.bootstrapServers()).build()) {
                producer.send("t", "k", AvroSamples.telemetry("k", AvroSamples.T0, 1.0)).get();
            }
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), "t", TIMEOUT)).hasSize(1);

            assertThatThrownBy(() -> EmbeddedKafka.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "cannot start the embedded Kafka broker: port "
                                    + port
                                    + " is in use; pick another port, or 0 for any free one");
        }
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().port(70_000).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Kafka port 70000 is out of range");
    }
}
