package io.edgesplit.kafka.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job lease against a real broker: one holder per name, a dead holder's lease lapses. */
class JobLeaseITCase {

    private static final String TOPIC = "profiles";

    /** The broker's smallest allowed session timeout (group.min.session.timeout.ms). */
    private static final Duration SESSION = Duration.ofSeconds(6);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(1, TOPIC);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aSecondOwnerIsRefusedUntilTheFirstLetsGo() {
        JobLease.Spec a = spec("lease-a", "owner-a");
        JobLease.Spec b = spec("lease-a", "owner-b");
        try (JobLease held = JobLease.acquire(a, msg -> {}, lost -> {})) {
            assertThatThrownBy(() -> JobLease.acquire(b, msg -> {}, lost -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(
                            "another edgesplit job holds the lease lease-a on this Kafka cluster"
                                    + " (edgesplit-lease-owner-a-")
                    .hasMessageEndingWith(
                            "give this job its own -D edgesplit.kafka.transactional-id-prefix=NAME");
        }
        try (JobLease taken = JobLease.acquire(b, msg -> {}, lost -> {})) {
            assertThat(taken).isNotNull();
        }
    }

    @Test
    void aKilledEarlierRunOfTheSameOwnerIsWaitedFor() {
        JobLease.Spec spec = spec("lease-b", "owner-c");
        // an earlier run that died without leaving the group: a member that stops heartbeating
        KafkaConsumer<byte[], byte[]> dead = member("lease-b", "edgesplit-lease-owner-c-1");
        List<String> progress = new ArrayList<>();
        long start = System.nanoTime();
        dead.subscribe(List.of(TOPIC));
        dead.poll(Duration.ofSeconds(10));
        // close without leaving: the member stays until its session times out
        dead.close(
                org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation
                                .REMAIN_IN_GROUP));
        try (JobLease lease = JobLease.acquire(spec, progress::add, lost -> {})) {
            assertThat(progress)
                    .singleElement()
                    .asString()
                    .startsWith("waiting up to 6 s for the previous run's lease on lease-b");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(SESSION.multipliedBy(3));
        }
    }

    private static JobLease.Spec spec(String group, String owner) {
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", kafka.bootstrapServers());
        return new JobLease.Spec(client, group, TOPIC, owner, SESSION);
    }

    private static KafkaConsumer<byte[], byte[]> member(String group, String clientId) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.setProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(SESSION.toMillis()));
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
