package io.edgesplit.kafka.client;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease on a name (a job's transactional id prefix) held on the Kafka cluster itself, so that two
 * jobs writing with the same transactional ids never run at once and fence each other's
 * transactions. The holder is a member of the consumer group {@code name} (subscribed to an
 * existing topic, all partitions paused, nothing read or committed), its client id {@code
 * edgesplit-lease-OWNER-STARTMILLIS}. The lease lapses when the holder closes it, or a session
 * timeout after its process died.
 *
 * <p>{@link #acquire} refuses when another owner holds the name, and waits (up to twice the session
 * timeout) while only an earlier run of the same owner, killed without closing, is still a member.
 * While held, the group is checked every few seconds; if another owner that started earlier is
 * found (two jobs started while the cluster was unreachable), {@code onLost} is called.
 */
public final class JobLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobLease.class);
    private static final String CLIENT_PREFIX = "edgesplit-lease-";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Admin admin;
    private final String group;
    private volatile Thread holder;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    private JobLease(Admin admin, String group) {
        this.admin = admin;
        this.group = group;
    }

    /** The settings of a lease: where, what, who, and how long a dead holder keeps it. */
    public record Spec(
            Properties client, String group, String topic, String owner, Duration session) {}

    /**
     * Takes the lease or fails.
     *
     * @param progress told when the call waits for an earlier run's lease to lapse
     * @param onLost called (on the lease's thread) with a one-line reason if the lease is lost
     * @throws IllegalStateException with a one-line reason naming the other holder
     */
    public static JobLease acquire(Spec spec, Consumer<String> progress, Consumer<String> onLost) {
        long start = System.currentTimeMillis();
        String clientId = CLIENT_PREFIX + spec.owner() + "-" + start;
        Admin admin = Admin.create(adminProperties(spec));
        JobLease lease = new JobLease(admin, spec.group());
        try {
            waitForEarlierRuns(admin, spec, progress);
            lease.join(spec, clientId, start, onLost);
            Optional<MemberDescription> other = otherOwner(admin, spec);
            if (other.isPresent()) {
                throw inUse(spec, other.get());
            }
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Starts the holding thread and waits until it is a member of the group. */
    private void join(Spec spec, String clientId, long start, Consumer<String> onLost) {
        CountDownLatch joined = new CountDownLatch(1);
        Thread t = new Thread(() -> hold(spec, clientId, start, joined, onLost), "edgesplit-lease");
        t.setDaemon(true);
        holder = t;
        t.start();
        Duration wait = spec.session().multipliedBy(3);
        boolean ok;
        try {
            ok = joined.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the job's lease", e);
        }
        if (!ok) {
            throw new IllegalStateException(
                    "could not join consumer group "
                            + spec.group()
                            + " within "
                            + wait.toSeconds()
                            + " s to take the job's lease: check that Kafka is up and that this"
                            + " client may read topic "
                            + spec.topic()
                            + " and group "
                            + spec.group());
        }
    }

    private void hold(
            Spec spec,
            String clientId,
            long start,
            CountDownLatch joined,
            Consumer<String> onLost) {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(consumerProperties(spec, clientId))) {
            consumer = c;
            c.subscribe(List.of(spec.topic()), pauseAll(c, joined));
            long nextCheck = System.currentTimeMillis() + CHECK_EVERY.toMillis();
            while (!closed) {
                c.poll(Duration.ofMillis(500));
                if (System.currentTimeMillis() >= nextCheck) {
                    nextCheck = System.currentTimeMillis() + CHECK_EVERY.toMillis();
                    earlierOwner(spec, clientId, start)
                            .ifPresent(m -> onLost.accept(inUse(spec, m).getMessage()));
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("the job's lease on {} failed", spec.group(), e);
                onLost.accept(
                        "the job's lease on consumer group "
                                + spec.group()
                                + " failed: "
                                + e.getMessage());
            }
        }
    }

    private static ConsumerRebalanceListener pauseAll(
            KafkaConsumer<byte[], byte[]> c, CountDownLatch joined) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                c.pause(partitions);
                joined.countDown();
            }
        };
    }

    /** Another owner's member that started before {@code start}, checked without failing. */
    private Optional<MemberDescription> earlierOwner(Spec spec, String clientId, long start) {
        try {
            return members(admin, spec.group(), Duration.ofSeconds(5)).stream()
                    .filter(m -> isOtherOwner(m, spec.owner()))
                    .filter(
                            m ->
                                    startOf(m) < start
                                            || (startOf(m) == start
                                                    && m.clientId().compareTo(clientId) < 0))
                    .findFirst();
        } catch (IllegalStateException e) {
            LOG.debug("cannot check the lease group {} now: {}", group, e.getMessage());
            return Optional.empty();
        }
    }

    private static void waitForEarlierRuns(Admin admin, Spec spec, Consumer<String> progress) {
        long deadline = System.currentTimeMillis() + 2 * spec.session().toMillis() + 5_000;
        boolean told = false;
        while (true) {
            List<MemberDescription> members =
                    members(admin, spec.group(), KafkaClusters.ANSWER_TIMEOUT);
            Optional<MemberDescription> other =
                    members.stream().filter(m -> isOtherOwner(m, spec.owner())).findFirst();
            if (other.isPresent()) {
                throw inUse(spec, other.get());
            }
            if (members.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "an earlier run of this job still holds its lease (consumer group "
                                + spec.group()
                                + ", "
                                + members.get(0).clientId()
                                + "): stop it first");
            }
            if (!told) {
                progress.accept(
                        "waiting up to "
                                + spec.session().toSeconds()
                                + " s for the previous run's lease on "
                                + spec.group()
                                + " to lapse");
                told = true;
            }
            sleep(1_000);
        }
    }

    private static Optional<MemberDescription> otherOwner(Admin admin, Spec spec) {
        return members(admin, spec.group(), KafkaClusters.ANSWER_TIMEOUT).stream()
                .filter(m -> isOtherOwner(m, spec.owner()))
                .findFirst();
    }

    private static List<MemberDescription> members(Admin admin, String group, Duration timeout) {
        try {
            return List.copyOf(
                    admin.describeConsumerGroups(List.of(group))
                            .describedGroups()
                            .get(group)
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .members());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw new IllegalStateException(
                    "cannot describe consumer group " + group + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not describe consumer group "
                            + group
                            + " within "
                            + timeout.toSeconds()
                            + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + group, e);
        }
    }

    private static boolean isOtherOwner(MemberDescription m, String owner) {
        return !m.clientId().startsWith(CLIENT_PREFIX + owner + "-");
    }

    private static long startOf(MemberDescription m) {
        String id = m.clientId();
        try {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Long.MIN_VALUE;
        }
    }

    private static IllegalStateException inUse(Spec spec, MemberDescription other) {
        return new IllegalStateException(
                "another edgesplit job holds the lease "
                        + spec.group()
                        + " on this Kafka cluster ("
                        + other.clientId()
                        + " at "
                        + other.host()
                        + "), so it writes with the same transactional ids: stop it, or give this"
                        + " job its own -D edgesplit.kafka.transactional-id-prefix=NAME");
    }

    private static Properties adminProperties(Spec spec) {
        Properties p = new Properties();
        p.putAll(spec.client());
        p.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(KafkaClusters.ANSWER_TIMEOUT.toMillis()));
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "edgesplit-lease-check");
        return p;
    }

    private static Properties consumerProperties(Spec spec, String clientId) {
        Properties p = new Properties();
        p.putAll(spec.client());
        p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, spec.group());
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.setProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.setProperty(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(spec.session().toMillis()));
        p.setProperty(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(Math.max(1_000, spec.session().toMillis() / 4)));
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.setProperty(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.setProperty(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the job's lease", e);
        }
    }

    /** Leaves the group (the lease lapses at once) and stops the lease's thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = holder;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }
}
