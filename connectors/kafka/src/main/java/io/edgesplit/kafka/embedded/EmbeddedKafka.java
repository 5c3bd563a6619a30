package io.edgesplit.kafka.embedded;

import io.edgesplit.kafka.KafkaOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) inside this JVM, for the demo
 * and tests. Built on Kafka's {@code KafkaClusterTestKit} (an internal test API, so the Kafka
 * version is pinned). Its data lives in a temporary directory deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *     kafka.createTopics(4, "edgesplit.frames", "edgesplit.results");
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>The broker accepts records up to 16 MiB (see {@link Builder#maxMessageBytes}) and runs
 * transactions with replication factor 1. It logs through SLF4J at INFO: quiet the {@code kafka}
 * and {@code org.apache.kafka} loggers (WARN) in the logging configuration of the application.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final Object STDOUT_LOCK = new Object();

    /** Listener name used for a fixed client port. */
    private static final String HOST_LISTENER = "HOST";

    private final KafkaClusterTestKit cluster;
    private final Path dataDir;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path dataDir, String bootstrapServers) {
        this.cluster = cluster;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** A builder with the defaults: ephemeral port, 16 MiB records. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the broker keeps its logs (deleted on close). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates topics with {@code partitions} partitions each (replication factor 1); topics that
     * exist already are left as they are.
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "a topic needs at least 1 partition, got " + partitions);
        }
        List<NewTopic> topics =
                Stream.of(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic "
                                        + entry.getKey()
                                        + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** An admin client for this broker; close it after use. */
    public Admin admin() {
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "embedded Kafka did not shut down cleanly: " + e.getMessage(), e);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete embedded Kafka data in " + dir, e);
        }
    }

    /** Settings of an {@link EmbeddedKafka}. */
    public static final class Builder {
        private int port;
        private long maxMessageBytes = KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {}

        /** Client port on localhost; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Largest record the broker accepts; default 16 MiB (Kafka's own default is 1 MiB). */
        public Builder maxMessageBytes(long maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Any broker setting, applied last (e.g. {@code log.retention.ms}). */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(
                    Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Checks the settings, starts the broker and waits until it accepts clients (a few
         * seconds).
         *
         * @throws IllegalStateException if it cannot start, e.g. because the port is taken
         */
        public EmbeddedKafka start() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(
                        "Kafka port "
                                + port
                                + " is out of range: use 1..65535, or 0 for any free port");
            }
            if (maxMessageBytes < 1024 || maxMessageBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "max message bytes "
                                + maxMessageBytes
                                + " is out of range: use 1024.."
                                + Integer.MAX_VALUE);
            }
            if (port != 0) {
                checkPortFree(port);
            }
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("edgesplit-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data directory for Kafka", e);
            }
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes nodes =
                        new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .setBaseDirectory(dataDir)
                                .build();
                KafkaClusterTestKit.Builder kit = new KafkaClusterTestKit.Builder(nodes);
                brokerSettings(nodes).forEach(kit::setConfigProp);
                cluster = kit.build();
                formatQuietly(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
                String bootstrap = port == 0 ? cluster.bootstrapServers() : "localhost:" + port;
                LOG.info("embedded Kafka broker ready at {} (data in {})", bootstrap, dataDir);
                return new EmbeddedKafka(cluster, dataDir, bootstrap);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (cluster != null) {
                    try {
                        cluster.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                deleteRecursively(dataDir);
                throw new IllegalStateException(failure(e), e);
            }
        }

        private static void checkPortFree(int port) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new IllegalStateException(portInUse(port), e);
            }
        }

        private static String portInUse(int port) {
            return "cannot start the embedded Kafka broker: port "
                    + port
                    + " is in use; pick another port, or 0 for any free one";
        }

        /**
         * Kafka's storage formatter prints two long lines to {@code System.out}, with no way to
         * redirect them through the test kit: capture them while formatting and log them at DEBUG.
         * The lock keeps concurrent starts from restoring each other's capture.
         */
        private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            synchronized (STDOUT_LOCK) {
                PrintStream stdout = System.out;
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                try {
                    cluster.format();
                } finally {
                    System.setOut(stdout);
                }
            }
            LOG.debug("Kafka storage format: {}", captured.toString(StandardCharsets.UTF_8).trim());
        }

        private Map<String, String> brokerSettings(TestKitNodes nodes) {
            Map<String, String> settings = new LinkedHashMap<>();
            String max = Long.toString(maxMessageBytes);
            settings.put("message.max.bytes", max);
            settings.put("replica.fetch.max.bytes", max);
            settings.put(
                    "socket.request.max.bytes",
                    Long.toString(Math.max(maxMessageBytes + 1024 * 1024, 100L * 1024 * 1024)));
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("transaction.state.log.num.partitions", "4");
            settings.put("share.coordinator.state.topic.replication.factor", "1");
            settings.put("share.coordinator.state.topic.min.isr", "1");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("auto.create.topics.enable", "false");
            // traces replayed with their recorded timestamps (gen-trace starts in 2025) are older
            // than the default 7-day retention: keep everything, the broker lives for one run
            settings.put("log.retention.ms", "-1");
            if (port != 0) {
                String broker = nodes.brokerListenerName().value();
                String controller = nodes.controllerListenerName().value();
                settings.put(
                        "listeners",
                        broker
                                + "://localhost:0,"
                                + controller
                                + "://localhost:0,"
                                + HOST_LISTENER
                                + "://localhost:"
                                + port);
                settings.put(
                        "listener.security.protocol.map",
                        broker
                                + ":PLAINTEXT,"
                                + controller
                                + ":PLAINTEXT,"
                                + HOST_LISTENER
                                + ":PLAINTEXT");
            }
            settings.putAll(brokerProperties);
            return settings;
        }

        private String failure(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    return portInUse(port);
                }
            }
            return "cannot start the embedded Kafka broker: " + e.getMessage();
        }
    }
}
