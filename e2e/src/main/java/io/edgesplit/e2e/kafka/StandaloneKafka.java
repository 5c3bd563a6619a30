package io.edgesplit.e2e.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) in its own
 * JVM, started as {@code kafka.Kafka server.properties} from Maven-resolved Kafka jars, for fault
 * tests: it can be killed ({@link #kill()}, SIGKILL) or stopped ({@link #stop()}, SIGTERM) and
 * started again ({@link #start()}) on the same log directory and ports, with its data intact.
 *
 * <p>The work directory holds {@code server.properties}, {@code log4j2.properties}, the log
 * directory {@code data/} (formatted once with {@code kafka.tools.StorageTool format
 * --standalone}), the broker's log {@code kafka.log} (appended across restarts), its stdout {@code
 * kafka.out} and a pid file. {@link Builder#start()} kills a broker an earlier, killed run left
 * running in the same work directory; a JVM shutdown hook kills this one if the caller exits
 * without {@link #close()}.
 *
 * <pre>{@code
 * try (StandaloneKafka kafka = StandaloneKafka.fromBuildProperties().workDir(dir).start()) {
 *     String bootstrap = kafka.bootstrapServers();
 *     kafka.kill();   // SIGKILL
 *     kafka.start();  // same port, same data
 * }
 * }</pre>
 */
public final class StandaloneKafka implements AutoCloseable {

    /** Main class of the broker JVM. */
    public static final String KAFKA_MAIN = "kafka.Kafka";

    /** Main class that formats the log directory. */
    public static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

    /** System property naming the file with the broker's classpath (written by the e2e build). */
    public static final String CLASSPATH_FILE_PROPERTY = "kafka.classpath.file";

    /** Largest record the broker accepts by default: edgesplit's 16 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneKafka.class);
    private static final String STARTED_LINE = "Kafka Server started";
    private static final String LOG4J_RESOURCE = "/io/edgesplit/e2e/log4j2-kafka.properties";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 30;
    private static final String PORTS_FILE = "ports.properties";

    private final Settings settings;
    private final Path workDir;
    private final Path dataDir;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final int controllerPort;
    private Process process;
    private Thread shutdownHook;

    private record Settings(
            String classpath,
            Path workDir,
            int port,
            long maxMessageBytes,
            String heap,
            Map<String, String> brokerProperties,
            Map<String, Listener> listeners,
            Duration startupTimeout,
            Duration stopTimeout,
            Path javaExecutable) {}

    private StandaloneKafka(Settings settings, int port, int controllerPort) {
        this.settings = settings;
        this.workDir = settings.workDir().toAbsolutePath().normalize();
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("kafka.log");
        this.pidFile = workDir.resolve("kafka.pid");
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A builder with no classpath set: call {@link Builder#classpath(String)}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with the classpath the Maven build writes for tests: the file named by the system
     * property {@value #CLASSPATH_FILE_PROPERTY} (e2e/target/kafka-classpath.txt).
     */
    public static Builder fromBuildProperties() throws IOException {
        String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException(
                    "system property "
                            + CLASSPATH_FILE_PROPERTY
                            + " is not set: run through Maven (mvn -pl e2e -am verify), or set it"
                            + " to e2e/target/kafka-classpath.txt after `mvn -pl e2e -am package`");
        }
        return builder().classpath(Files.readString(Path.of(file)).trim());
    }

    /** {@code localhost:PORT} of the client listener; the same across restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The port of a listener added with {@link Builder#listener}. */
    public int listenerPort(String name) {
        Listener l = settings.listeners().get(name);
        if (l == null) {
            throw new IllegalArgumentException("no listener " + name + ": add it with listener()");
        }
        return l.port();
    }

    /** A listener added with {@link Builder#listener}. */
    record Listener(String protocol, int port) {}

    /** The client listener's port. */
    public int port() {
        return port;
    }

    /** The work directory (config, data, logs). */
    public Path workDir() {
        return workDir;
    }

    /** The broker's Log4j file, appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's operating-system process id, if it runs. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * Starts the broker on the existing data and ports and waits until it serves clients.
     *
     * @throws IllegalStateException if it already runs, exits, or is not up within the timeout
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("broker " + bootstrapServers() + " already runs");
        }
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        List<String> cmd = javaCommand(KAFKA_MAIN);
        cmd.add(workDir.resolve("server.properties").toString());
        process =
                new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        workDir.resolve("kafka.out").toFile()))
                        .start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        LOG.info("Started Kafka broker {} (pid {})", bootstrapServers(), process.pid());
        awaitStarted(logOffset);
    }

    /** Kills the broker with SIGKILL (no clean shutdown) and waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        requireRunning("kill");
        process.destroyForcibly();
        process.waitFor();
        LOG.info("Killed Kafka broker {} (SIGKILL)", bootstrapServers());
    }

    /**
     * Stops the broker with SIGTERM (a clean shutdown) and waits for it; kills it if it takes
     * longer than the stop timeout.
     */
    public synchronized void stop() throws InterruptedException {
        requireRunning("stop");
        process.destroy();
        if (!process.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Kafka broker ignored SIGTERM for {}; killing it", settings.stopTimeout());
            process.destroyForcibly();
            process.waitFor();
        }
        LOG.info("Stopped Kafka broker {} (exit {})", bootstrapServers(), process.exitValue());
    }

    /** Stops the broker if it runs; idempotent. The data stays in the work directory. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                LOG.debug("JVM is shutting down; the hook kills the broker", shutdownInProgress);
            }
            shutdownHook = null;
        }
        if (isRunning()) {
            stop();
        }
    }

    /** The last lines of the broker's log, for failure messages. */
    public String logTail() {
        return tail(logFile);
    }

    private void requireRunning(String what) {
        if (!isRunning()) {
            throw new IllegalStateException(
                    "cannot " + what + " broker " + bootstrapServers() + ": it does not run");
        }
    }

    private void firstStart() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        killLeftover();
        writeConfig();
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format();
        }
        shutdownHook = new Thread(this::killOnExit, "standalone-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        start();
    }

    private void writeConfig() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        String max = Long.toString(settings.maxMessageBytes());
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        StringBuilder listeners =
                new StringBuilder(
                        "PLAINTEXT://localhost:"
                                + port
                                + ",CONTROLLER://localhost:"
                                + controllerPort);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.listeners()
                .forEach(
                        (name, l) -> {
                            listeners
                                    .append(',')
                                    .append(name)
                                    .append("://localhost:")
                                    .append(l.port());
                            protocols.append(',').append(name).append(':').append(l.protocol());
                        });
        p.put("listeners", listeners.toString());
        p.put("advertised.listeners", listeners.toString());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", protocols.toString());
        p.put("log.dirs", dataDir.toString());
        p.put("message.max.bytes", max);
        p.put("replica.fetch.max.bytes", max);
        p.put(
                "socket.request.max.bytes",
                Long.toString(Math.max(settings.maxMessageBytes() + (1 << 20), 100L << 20)));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // traces keep their recorded timestamps (gen-trace starts in 2025): keep every record
        p.put("log.retention.ms", "-1");
        // a killed broker's registration lapses sooner, so a restart serves clients sooner
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "1000");
        p.putAll(settings.brokerProperties());
        String text =
                p.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "# written by StandaloneKafka\n", "\n"));
        Files.writeString(workDir.resolve("server.properties"), text);
        try (InputStream in = StandaloneKafka.class.getResourceAsStream(LOG4J_RESOURCE)) {
            Files.write(
                    workDir.resolve("log4j2.properties"),
                    Objects.requireNonNull(in, LOG4J_RESOURCE).readAllBytes());
        }
    }

    private void format() throws IOException, InterruptedException {
        List<String> cmd = javaCommand(STORAGE_TOOL_MAIN);
        cmd.addAll(
                List.of(
                        "format",
                        "--standalone",
                        "--cluster-id",
                        randomClusterId(),
                        "--config",
                        workDir.resolve("server.properties").toString()));
        Path out = workDir.resolve("kafka-format.out");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!p.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "formatting "
                            + dataDir
                            + " took longer than "
                            + FORMAT_TIMEOUT
                            + ": see "
                            + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "formatting "
                            + dataDir
                            + " failed (exit "
                            + p.exitValue()
                            + "): "
                            + tail(out).strip());
        }
        LOG.info("Formatted Kafka log directory {}", dataDir);
    }

    private List<String> javaCommand(String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.javaExecutable().toString());
        cmd.add("-Xmx" + settings.heap());
        cmd.add("-Xms128m");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dkafka.logs.dir=" + workDir);
        cmd.add("-Dkafka.log.file=" + logFile);
        cmd.add("-Dlog4j2.configurationFile=" + workDir.resolve("log4j2.properties").toUri());
        cmd.addAll(List.of("-cp", settings.classpath(), mainClass));
        return cmd;
    }

    /** Waits for the "Kafka Server started" line written after {@code logOffset}, then the port. */
    private void awaitStarted(long logOffset) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        while (!logContains(logOffset, STARTED_LINE) || !portOpen()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka broker exited with "
                                + process.exitValue()
                                + " while starting; last lines of "
                                + logFile
                                + ":\n"
                                + logTail()
                                + tail(workDir.resolve("kafka.out")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "Kafka broker did not start within "
                                + settings.startupTimeout()
                                + "; last lines of "
                                + logFile
                                + ":\n"
                                + logTail());
            }
            Thread.sleep(POLL.toMillis());
        }
        LOG.info("Kafka broker {} serves clients", bootstrapServers());
    }

    private boolean logContains(long offset, String text) throws IOException {
        if (!Files.exists(logFile)) {
            return false;
        }
        try (var channel = Files.newByteChannel(logFile)) {
            long size = channel.size();
            if (size <= offset) {
                return false;
            }
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 64L << 20));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read up to the buffer's size
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .contains(text);
        }
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills a broker that an earlier run, itself killed, left running in this work directory. */
    private void killLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        String marker = workDir.resolve("server.properties").toString();
        Optional<ProcessHandle> leftover =
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().commandLine().orElse("").contains(marker));
        if (leftover.isPresent()) {
            LOG.warn("Killing Kafka broker pid {} left running by an earlier run", pid);
            leftover.get().destroyForcibly();
            leftover.get().onExit().join();
        }
        Files.deleteIfExists(pidFile);
    }

    private void killOnExit() {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    /** A Kafka cluster id: 16 random bytes, base64url without padding (as StorageTool makes). */
    static String randomClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " missing)\n";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(
                            "\n",
                            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()))
                    + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")\n";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Settings of a {@link StandaloneKafka}; {@link #start()} validates, formats and starts it. */
    public static final class Builder {

        private String classpath = "";
        private Path workDir = Path.of("target", "standalone-kafka");
        private int port;
        private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private String heap = "512m";
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, Listener> listeners = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

        private Builder() {}

        /** The broker JVM's classpath: kafka_2.13 and its dependencies plus Log4j 2. */
        public Builder classpath(String value) {
            this.classpath = Objects.requireNonNull(value, "classpath");
            return this;
        }

        /** Config, data and logs (default target/standalone-kafka); reused if already formatted. */
        public Builder workDir(Path value) {
            this.workDir = Objects.requireNonNull(value, "workDir");
            return this;
        }

        /** Client port (default 0: a free one, picked once and kept across restarts). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** {@code message.max.bytes} and {@code replica.fetch.max.bytes} (default 16 MiB). */
        public Builder maxMessageBytes(long value) {
            this.maxMessageBytes = value;
            return this;
        }

        /** Maximum heap of the broker JVM (default 512m). */
        public Builder heap(String value) {
            this.heap = Objects.requireNonNull(value, "heap");
            return this;
        }

        /**
         * One more client listener {@code name} (e.g. SASL_SSL) with a security protocol, on a free
         * port ({@link #listenerPort}); its security settings go in {@link #brokerProperty}. The
         * PLAINTEXT listener stays: tests use it as the administrator. Its port is not kept for a
         * later run on the same work directory.
         */
        public Builder listener(String name, String securityProtocol) throws IOException {
            listeners.put(name, new Listener(securityProtocol, freePort()));
            return this;
        }

        /** Sets a broker property, overriding this class's default for it. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(
                    Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        /** How long a start may take (default 90 s). */
        public Builder startupTimeout(Duration value) {
            this.startupTimeout = Objects.requireNonNull(value, "startupTimeout");
            return this;
        }

        /** How long {@link #stop()} waits after SIGTERM before it kills (default 30 s). */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        /** The java launcher (default: the one running this code). */
        public Builder javaExecutable(Path value) {
            this.javaExecutable = Objects.requireNonNull(value, "javaExecutable");
            return this;
        }

        /** Validates the settings, formats the log directory if new, starts and waits for it. */
        public StandaloneKafka start() throws IOException, InterruptedException {
            validate();
            int[] ports = ports();
            int clientPort = ports[0];
            int controllerPort = ports[1];
            StandaloneKafka kafka =
                    new StandaloneKafka(
                            new Settings(
                                    classpath,
                                    workDir,
                                    clientPort,
                                    maxMessageBytes,
                                    heap,
                                    Map.copyOf(brokerProperties),
                                    new LinkedHashMap<>(listeners),
                                    startupTimeout,
                                    stopTimeout,
                                    javaExecutable),
                            clientPort,
                            controllerPort);
            kafka.firstStart();
            return kafka;
        }

        /**
         * The client and controller ports: those of {@code ports.properties} when the work
         * directory already holds a formatted broker (the controller's address is part of its
         * metadata), otherwise free ones (or the configured client port), recorded there.
         */
        private int[] ports() throws IOException {
            Path file = workDir.resolve(PORTS_FILE);
            if (Files.exists(file) && Files.exists(workDir.resolve("data/meta.properties"))) {
                Properties saved = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    saved.load(in);
                }
                int client = Integer.parseInt(saved.getProperty("port"));
                if (port != 0 && port != client) {
                    throw new IllegalArgumentException(
                            "port "
                                    + port
                                    + " differs from the port "
                                    + client
                                    + " of the broker already formatted in "
                                    + workDir
                                    + ": use that port, or another work directory");
                }
                return new int[] {client, Integer.parseInt(saved.getProperty("controller.port"))};
            }
            int client = port == 0 ? freePort() : port;
            int controller = freePort();
            while (controller == client) {
                controller = freePort();
            }
            Files.createDirectories(workDir);
            Files.writeString(file, "port=" + client + "\ncontroller.port=" + controller + "\n");
            return new int[] {client, controller};
        }

        private void validate() {
            if (classpath.isBlank()) {
                throw new IllegalArgumentException(
                        "no Kafka classpath: call classpath(...) or fromBuildProperties();"
                                + " `mvn -pl e2e -am package` writes e2e/target/kafka-classpath.txt");
            }
            List<String> missing =
                    Arrays.stream(classpath.split(java.io.File.pathSeparator))
                            .filter(entry -> !Files.exists(Path.of(entry)))
                            .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "Kafka classpath entry "
                                + missing.get(0)
                                + " does not exist: rebuild the classpath file with"
                                + " `mvn -pl e2e -am package`");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "port " + port + " is out of range: use 1..65535, or 0 for a free one");
            }
            if (maxMessageBytes < 1024 * 1024) {
                throw new IllegalArgumentException(
                        "maxMessageBytes " + maxMessageBytes + " is below Kafka's 1 MiB default");
            }
            if (!Files.isExecutable(javaExecutable)) {
                throw new IllegalArgumentException(
                        "java launcher "
                                + javaExecutable
                                + " is not executable: set javaExecutable(...)");
            }
        }
    }
}
