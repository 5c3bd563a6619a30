package io.edgesplit.e2e;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-process Flink session cluster: one JobManager ({@value #JOB_MANAGER_MAIN}) and N
 * TaskManagers ({@value #TASK_MANAGER_MAIN}), each in its own JVM, started from Maven-resolved
 * Flink jars with a generated {@code config.yaml}, logging to files under a work directory. Jobs go
 * in the way users submit them: a jar uploaded and run through the REST API.
 *
 * <p>JVM sizes come from Flink itself ({@code BashJavaUtils}, as {@code bin/taskmanager.sh} does).
 * Every process gets a free REST/RPC/metrics port, so clusters of parallel builds do not collide.
 * {@link #close()} stops every process (SIGTERM, then SIGKILL); a JVM shutdown hook does the same
 * when the caller's JVM exits first, and {@link Builder#start()} kills processes that an earlier,
 * killed run left behind in the same work directory.
 *
 * <pre>{@code
 * try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.fromBuildProperties().start()) {
 *     String jobId = cluster.submitJar(jar, JarRun.withArgs("--bootstrap", bootstrap));
 *     cluster.awaitJobStatus(jobId, Duration.ofMinutes(1), JobStatus.RUNNING);
 * }
 * }</pre>
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    /** Entry point of a standalone session JobManager. */
    public static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

    /** Entry point of a TaskManager. */
    public static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /** System property naming the file with the Flink classpath (written by the e2e build). */
    public static final String CLASSPATH_FILE_PROPERTY = "flink.classpath.file";

    /** System property with the JVM options Flink needs on Java 17 (the parent pom's list). */
    public static final String JVM_OPENS_PROPERTY = "flink.jvm.opens";

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String BASH_JAVA_UTILS_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String PROMETHEUS_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final Set<String> MANAGED_KEYS =
            Set.of(
                    "jobmanager.rpc.port",
                    "rest.port",
                    "metrics.reporter.prom.port",
                    "taskmanager.numberOfTaskSlots",
                    "taskmanager.resource-id",
                    "jobmanager.memory.process.size",
                    "taskmanager.memory.process.size");
    private static final HttpClient METRICS_HTTP = HttpClient.newHttpClient();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 25;

    private final Settings settings;
    private final Path workDir;
    private final Path confDir;
    private final Path logDir;
    private final Path pidDir;
    private final List<FlinkProcess> processes = new ArrayList<>();

    /** Tries of one scrape before its connection failure is reported. */
    static final int SCRAPE_ATTEMPTS = 5;

    private final List<Integer> taskManagerMetricsPorts = new ArrayList<>();
    private int restPort;
    private int jobManagerMetricsPort;
    private FlinkRestClient rest;
    private Thread shutdownHook;

    private record FlinkProcess(String name, Process process) {}

    private record Settings(
            String classpath,
            List<String> javaOptions,
            Path workDir,
            int taskManagers,
            int slotsPerTaskManager,
            String jobManagerMemory,
            String taskManagerMemory,
            Map<String, Object> config,
            Duration startupTimeout,
            Path javaExecutable) {}

    private record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}

    private StandaloneFlinkCluster(Settings settings) {
        this.settings = settings;
        this.workDir = settings.workDir().toAbsolutePath().normalize();
        this.confDir = workDir.resolve("conf");
        this.logDir = workDir.resolve("log");
        this.pidDir = workDir.resolve("pids");
    }

    /** A builder with no classpath set: call {@link Builder#classpath(String)}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with the classpath and JVM options the Maven build hands to tests: the file named
     * by {@value #CLASSPATH_FILE_PROPERTY} and the options in {@value #JVM_OPENS_PROPERTY}.
     */
    public static Builder fromBuildProperties() throws IOException {
        String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
        String opens = System.getProperty(JVM_OPENS_PROPERTY);
        if (file == null || opens == null) {
            throw new IllegalStateException(
                    "system properties "
                            + CLASSPATH_FILE_PROPERTY
                            + " and "
                            + JVM_OPENS_PROPERTY
                            + " are not both set: run the test through Maven (mvn -pl e2e verify),"
                            + " which sets them, or set them to e2e/target/flink-classpath.txt and"
                            + " the parent pom's flink.jvm.opens");
        }
        return builder()
                .classpath(Files.readString(Path.of(file)).trim())
                .javaOptions(Arrays.asList(opens.trim().split("\\s+")));
    }

    /** The REST client of this cluster's JobManager. */
    public FlinkRestClient rest() {
        return rest;
    }

    /** The JobManager's REST endpoint (also the web UI). */
    public URI restUri() {
        return rest.base();
    }

    /** Number of TaskManager processes. */
    public int taskManagers() {
        return settings.taskManagers();
    }

    /** Task slots per TaskManager. */
    public int slotsPerTaskManager() {
        return settings.slotsPerTaskManager();
    }

    /** The JobManager's Prometheus endpoint. */
    public URI jobManagerMetricsUri() {
        return metricsUri(jobManagerMetricsPort);
    }

    /** The TaskManagers' Prometheus endpoints, in TaskManager order. */
    public List<URI> taskManagerMetricsUris() {
        return taskManagerMetricsPorts.stream().map(StandaloneFlinkCluster::metricsUri).toList();
    }

    /** The work directory: {@code conf/}, {@code log/}, {@code pids/}, checkpoints, temp files. */
    public Path workDir() {
        return workDir;
    }

    /** Where each process writes {@code <name>.log} (Log4j) and {@code <name>.out} (stdout). */
    public Path logDir() {
        return logDir;
    }

    /** Operating-system ids of the JobManager and TaskManager processes. */
    public List<Long> pids() {
        synchronized (processes) {
            return processes.stream().map(p -> p.process().pid()).toList();
        }
    }

    /** Uploads the jar and runs it; returns the job id. */
    public String submitJar(Path jar, JarRun run) throws IOException, InterruptedException {
        String jarId = rest.uploadJar(jar);
        String jobId = rest.runJar(jarId, run);
        LOG.info("Submitted {} as job {}", jar.getFileName(), jobId);
        return jobId;
    }

    /**
     * Waits until the job is in one of the wanted states and returns that state. Fails fast, with
     * the job's last failure, when the job ends in another terminal state or a process dies.
     */
    public JobStatus awaitJobStatus(String jobId, Duration timeout, JobStatus... wanted)
            throws IOException, InterruptedException {
        if (wanted.length == 0) {
            throw new IllegalArgumentException("name at least one job status to wait for");
        }
        Set<JobStatus> targets = EnumSet.copyOf(Arrays.asList(wanted));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus status = rest.jobStatus(jobId);
            if (targets.contains(status)) {
                return status;
            }
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "job "
                                + jobId
                                + " ended "
                                + status
                                + " while waiting for "
                                + targets
                                + failureSuffix(jobId));
            }
            checkDeadline(
                    deadline, "job " + jobId + " to reach " + targets + " (now " + status + ")");
        }
    }

    /**
     * Waits until every vertex of the job is deployed and running (or already finished, for bounded
     * sources), i.e. the job's tasks really run on the TaskManagers.
     */
    public void awaitTasksRunning(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var details = rest.jobDetails(jobId);
            JobStatus status = JobStatus.valueOf(details.path("state").asText());
            if (status.isGloballyTerminalState() && status != JobStatus.FINISHED) {
                throw new IllegalStateException(
                        "job " + jobId + " ended " + status + failureSuffix(jobId));
            }
            // a vertex's own status is RUNNING as soon as one subtask runs: count the subtasks
            boolean allRunning = details.path("vertices").size() > 0;
            for (var vertex : details.path("vertices")) {
                var tasks = vertex.path("tasks");
                int started = tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt();
                allRunning &= started == vertex.path("parallelism").asInt();
            }
            if (allRunning) {
                return;
            }
            checkDeadline(deadline, "all tasks of job " + jobId + " to run");
        }
    }

    /** Cancels the job and waits until it is CANCELED (or otherwise globally terminal). */
    public JobStatus cancel(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        rest.cancel(jobId);
        return awaitJobStatus(
                jobId, timeout, JobStatus.CANCELED, JobStatus.FAILED, JobStatus.FINISHED);
    }

    /**
     * Stops the job with a savepoint into the cluster's savepoint directory and waits until the
     * savepoint is written and the job FINISHED; returns the savepoint's location, which {@link
     * JarRun#fromSavepoint} resumes from.
     */
    public String stopWithSavepoint(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        String triggerId = rest.stopWithSavepoint(jobId, Optional.empty());
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> location = rest.savepointLocation(jobId, triggerId);
        while (location.isEmpty()) {
            checkDeadline(deadline, "the savepoint of job " + jobId);
            location = rest.savepointLocation(jobId, triggerId);
        }
        awaitJobStatus(jobId, timeout, JobStatus.FINISHED);
        LOG.info("Stopped job {} with savepoint {}", jobId, location.get());
        return location.get();
    }

    /**
     * The Prometheus text exposition of one metrics endpoint. A failed connection is tried again
     * ({@link #SCRAPE_ATTEMPTS} in all): the shared client reuses keep-alive connections, and one
     * the reporter's HTTP server has already closed fails with "header parser received no bytes"
     * (seen once in CI). An HTTP error status is not retried.
     */
    public String scrapeMetrics(URI endpoint) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = METRICS_HTTP.send(request, BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == SCRAPE_ATTEMPTS) {
                    throw e;
                }
                LOG.info("Scrape {} failed ({}), trying again", endpoint, e.getMessage());
                Thread.sleep(500);
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IOException(endpoint + " answered HTTP " + response.statusCode());
            }
            return response.body();
        }
    }

    /** The last lines of every process's log and stdout, for failure messages. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        List<String> names;
        synchronized (processes) {
            names = processes.stream().map(FlinkProcess::name).toList();
        }
        for (String name : names) {
            for (String suffix : List.of(".log", ".out")) {
                Path file = logDir.resolve(name + suffix);
                out.append("\n--- ").append(file).append(" (last lines) ---\n");
                out.append(tail(file));
            }
        }
        return out.toString();
    }

    /** Stops every process: SIGTERM, then SIGKILL after a grace period. Idempotent. */
    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                LOG.debug("JVM is shutting down; the hook stops the cluster", shutdownInProgress);
            }
            shutdownHook = null;
        }
        stopProcesses();
    }

    private void start() throws IOException, InterruptedException {
        killLeftovers();
        prepareDirectories();
        restPort = freePort();
        jobManagerMetricsPort = freePort();
        for (int i = 0; i < settings.taskManagers(); i++) {
            taskManagerMetricsPorts.add(freePort());
        }
        writeConfig(freePort());
        rest = new FlinkRestClient(URI.create("http://localhost:" + restPort));
        shutdownHook = new Thread(this::stopProcesses, "standalone-flink-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            launch(
                    "jobmanager",
                    JOB_MANAGER_MAIN,
                    resourceParams("GET_JM_RESOURCE_PARAMS"),
                    List.of());
            ResourceParams tm = resourceParams("GET_TM_RESOURCE_PARAMS");
            for (int i = 1; i <= settings.taskManagers(); i++) {
                launch(
                        "taskmanager-" + i,
                        TASK_MANAGER_MAIN,
                        tm,
                        List.of(
                                "-D",
                                "taskmanager.resource-id=taskmanager-" + i,
                                "-D",
                                "metrics.reporter.prom.port="
                                        + taskManagerMetricsPorts.get(i - 1)));
            }
            awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(
                "Standalone Flink cluster up: REST {}, {} TaskManagers x {} slots, logs in {}",
                restUri(),
                settings.taskManagers(),
                settings.slotsPerTaskManager(),
                logDir);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        int slots = settings.taskManagers() * settings.slotsPerTaskManager();
        String last = "no answer yet";
        while (true) {
            try {
                var overview = rest.overview();
                if (overview.path("taskmanagers").asInt() == settings.taskManagers()
                        && overview.path("slots-total").asInt() == slots) {
                    return;
                }
                last = overview.toString();
            } catch (IOException notUpYet) {
                last = notUpYet.toString();
            }
            checkDeadline(
                    deadline,
                    "the cluster to register "
                            + settings.taskManagers()
                            + " TaskManagers with "
                            + slots
                            + " slots (last /overview: "
                            + last
                            + ")");
        }
    }

    /** Sleeps one poll interval, or throws when the deadline passed or a process died. */
    private void checkDeadline(long deadline, String waitingFor) throws InterruptedException {
        synchronized (processes) {
            for (FlinkProcess p : processes) {
                if (!p.process().isAlive()) {
                    throw new IllegalStateException(
                            p.name()
                                    + " exited with code "
                                    + p.process().exitValue()
                                    + " while waiting for "
                                    + waitingFor
                                    + diagnostics());
                }
            }
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + waitingFor + diagnostics());
        }
        Thread.sleep(POLL.toMillis());
    }

    private String failureSuffix(String jobId) throws IOException, InterruptedException {
        return rest.lastFailure(jobId).map(f -> ": " + f).orElse("");
    }

    private void prepareDirectories() throws IOException {
        for (String dir : List.of("conf", "log", "pids", "tmp", "web", "plugins")) {
            deleteRecursively(workDir.resolve(dir));
            Files.createDirectories(workDir.resolve(dir));
        }
    }

    private void writeConfig(int rpcPort) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", rpcPort);
        config.put("jobmanager.bind-host", "localhost");
        config.put("jobmanager.memory.process.size", settings.jobManagerMemory());
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.numberOfTaskSlots", settings.slotsPerTaskManager());
        config.put("taskmanager.memory.process.size", settings.taskManagerMemory());
        // streaming jobs on the heap state backend need no managed memory: give it to the heap
        config.put("taskmanager.memory.managed.size", "64m");
        config.put("taskmanager.load-balance.mode", "SLOTS");
        // ONNX Runtime lives in lib/: always load it from there, even if a job jar bundles it
        config.put("classloader.parent-first-patterns.additional", "ai.onnxruntime.");
        config.put("parallelism.default", settings.taskManagers() * settings.slotsPerTaskManager());
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", restPort);
        config.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        config.put("web.tmpdir", workDir.resolve("web").toString());
        config.put(
                "execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        config.put(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("savepoints").toUri().toString());
        config.put("metrics.reporter.prom.factory.class", PROMETHEUS_FACTORY);
        config.put("metrics.reporter.prom.port", jobManagerMetricsPort);
        config.putAll(settings.config());
        YAMLMapper yaml = new YAMLMapper();
        yaml.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER);
        yaml.enable(YAMLGenerator.Feature.MINIMIZE_QUOTES);
        yaml.writeValue(confDir.resolve("config.yaml").toFile(), config);
        try (InputStream log4j =
                StandaloneFlinkCluster.class.getResourceAsStream("log4j-cluster.properties")) {
            Files.copy(
                    Objects.requireNonNull(log4j, "log4j-cluster.properties missing from the jar"),
                    confDir.resolve("log4j.properties"));
        }
    }

    /** Asks Flink for the JVM options and memory settings of a process, as its scripts do. */
    private ResourceParams resourceParams(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.javaExecutable().toString());
        cmd.addAll(settings.javaOptions());
        cmd.addAll(
                List.of(
                        "-cp",
                        settings.classpath(),
                        BASH_JAVA_UTILS,
                        command,
                        "--configDir",
                        confDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 60 s");
        }
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith(BASH_JAVA_UTILS_RESULT))
                        .map(l -> l.substring(BASH_JAVA_UTILS_RESULT.length()).trim())
                        .toList();
        if (p.exitValue() != 0 || results.size() < 2) {
            throw new IllegalStateException(
                    "Flink rejected the memory configuration ("
                            + command
                            + ", exit "
                            + p.exitValue()
                            + "): "
                            + output.strip());
        }
        return new ResourceParams(split(results.get(0)), split(results.get(1)));
    }

    private void launch(String name, String mainClass, ResourceParams params, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.javaExecutable().toString());
        cmd.addAll(settings.javaOptions());
        cmd.addAll(params.jvmOptions());
        cmd.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.addAll(
                List.of("-cp", settings.classpath(), mainClass, "--configDir", confDir.toString()));
        cmd.addAll(params.dynamicProperties());
        cmd.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(logDir.resolve(name + ".out").toFile());
        builder.environment().put("FLINK_CONF_DIR", confDir.toString());
        builder.environment().put("FLINK_PLUGINS_DIR", workDir.resolve("plugins").toString());
        builder.environment().put("FLINK_LOG_DIR", logDir.toString());
        Process process = builder.start();
        synchronized (processes) {
            processes.add(new FlinkProcess(name, process));
        }
        Files.writeString(pidDir.resolve(name + ".pid"), Long.toString(process.pid()));
        LOG.info("Started {} (pid {})", name, process.pid());
    }

    /** Kills processes an earlier run left in this work directory (e.g. its JVM was killed). */
    private void killLeftovers() throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return;
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(pidDir)) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).toList();
        }
        String marker = logDir.toString();
        for (Path pidFile : pidFiles) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> leftover =
                    ProcessHandle.of(pid)
                            .filter(ProcessHandle::isAlive)
                            .filter(h -> h.info().commandLine().orElse("").contains(marker));
            if (leftover.isPresent()) {
                LOG.warn("Killing {} (pid {}) left running by an earlier run", pidFile, pid);
                leftover.get().destroyForcibly();
                leftover.get().onExit().join();
            }
            Files.deleteIfExists(pidFile);
        }
    }

    private void stopProcesses() {
        List<FlinkProcess> toStop;
        synchronized (processes) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        // TaskManagers first, so they do not spend the grace period reconnecting
        toStop.sort(Comparator.comparing(p -> p.name().startsWith("jobmanager")));
        toStop.forEach(p -> p.process().destroy());
        for (FlinkProcess p : toStop) {
            try {
                if (!p.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} ignored SIGTERM for {}; killing it", p.name(), STOP_GRACE);
                    p.process().destroyForcibly();
                    p.process().waitFor();
                }
                Files.deleteIfExists(pidDir.resolve(p.name() + ".pid"));
            } catch (InterruptedException e) {
                p.process().destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // keep stopping the others; a stale pid file is checked against the command line
                LOG.warn("Could not delete the pid file of {}", p.name(), e);
            }
        }
    }

    private static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "(missing)\n";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(
                            "\n",
                            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()))
                    + "\n";
        } catch (IOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    private static URI metricsUri(int port) {
        return URI.create("http://localhost:" + port + "/metrics");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Settings of a {@link StandaloneFlinkCluster}; {@link #start()} validates and starts it. */
    public static final class Builder {

        private String classpath = "";
        private List<String> javaOptions = List.of();
        private Path workDir = Path.of("target", "standalone-flink");
        private int taskManagers = 2;
        private int slotsPerTaskManager = 1;
        private String jobManagerMemory = "1024m";
        private String taskManagerMemory = "1280m";
        private final Map<String, Object> config = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofMinutes(2);
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

        private Builder() {}

        /** The JVMs' classpath: Flink's lib/ jars joined with the path separator. */
        public Builder classpath(String value) {
            this.classpath = Objects.requireNonNull(value, "classpath");
            return this;
        }

        /** Options for every JVM, e.g. Flink's {@code --add-opens} list for Java 17. */
        public Builder javaOptions(List<String> value) {
            this.javaOptions = List.copyOf(value);
            return this;
        }

        /** Directory for config, logs, pid files, checkpoints (default target/standalone-flink). */
        public Builder workDir(Path value) {
            this.workDir = Objects.requireNonNull(value, "workDir");
            return this;
        }

        /** Number of TaskManager JVMs (default 2). */
        public Builder taskManagers(int value) {
            this.taskManagers = value;
            return this;
        }

        /** Task slots per TaskManager (default 1, so parallel subtasks land on different JVMs). */
        public Builder slotsPerTaskManager(int value) {
            this.slotsPerTaskManager = value;
            return this;
        }

        /** {@code jobmanager.memory.process.size} (default 1024m). */
        public Builder jobManagerMemory(String value) {
            this.jobManagerMemory = Objects.requireNonNull(value, "jobManagerMemory");
            return this;
        }

        /** {@code taskmanager.memory.process.size} (default 1280m). */
        public Builder taskManagerMemory(String value) {
            this.taskManagerMemory = Objects.requireNonNull(value, "taskManagerMemory");
            return this;
        }

        /** Any other Flink option; it overrides this class's defaults for the same key. */
        public Builder config(String key, Object value) {
            if (MANAGED_KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        key
                                + " is set by StandaloneFlinkCluster itself: use the builder's"
                                + " own methods (ports are always picked free)");
            }
            config.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        /** How long {@link #start()} waits for all TaskManagers to register (default 2 min). */
        public Builder startupTimeout(Duration value) {
            this.startupTimeout = Objects.requireNonNull(value, "startupTimeout");
            return this;
        }

        /** The java launcher (default: the one running this code). */
        public Builder javaExecutable(Path value) {
            this.javaExecutable = Objects.requireNonNull(value, "javaExecutable");
            return this;
        }

        /** Validates the settings, starts the processes and waits until all slots registered. */
        public StandaloneFlinkCluster start() throws IOException, InterruptedException {
            if (classpath.isBlank()) {
                throw new IllegalArgumentException(
                        "no Flink classpath: call classpath(...) or fromBuildProperties();"
                                + " `mvn -pl e2e -am compile` writes e2e/target/flink-classpath.txt");
            }
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalArgumentException(
                            "classpath entry "
                                    + entry
                                    + " does not exist: rebuild the classpath file with"
                                    + " `mvn -pl e2e -am compile`");
                }
            }
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException(
                        "taskManagers "
                                + taskManagers
                                + " and slotsPerTaskManager "
                                + slotsPerTaskManager
                                + " must both be at least 1");
            }
            if (!Files.isExecutable(javaExecutable)) {
                throw new IllegalArgumentException(
                        "java launcher "
                                + javaExecutable
                                + " is not executable: set javaExecutable(...)");
            }
            StandaloneFlinkCluster cluster =
                    new StandaloneFlinkCluster(
                            new Settings(
                                    classpath,
                                    javaOptions,
                                    workDir,
                                    taskManagers,
                                    slotsPerTaskManager,
                                    jobManagerMemory,
                                    taskManagerMemory,
                                    Map.copyOf(config),
                                    startupTimeout,
                                    javaExecutable));
            cluster.start();
            return cluster;
        }
    }
}
