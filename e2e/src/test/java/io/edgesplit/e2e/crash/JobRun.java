package io.edgesplit.e2e.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.kafka.EdgesplitTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logical edge job, {@code edgesplit job} in its own JVM, that may be killed and started again
 * any number of times on the same topics, transactional-id prefix and state directory. Attempt
 * {@code n} logs to {@code <logDir>/job-<name>-<n>.log}.
 */
final class JobRun {

    private static final Pattern UI_PORT = Pattern.compile("web UI http://localhost:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final EdgesplitCli cli;
    private final List<String> args;
    private final Path logDir;
    private Process process;
    private int attempts;
    private long startedNanos;

    /**
     * @param stateDir the job's {@code --state-dir}, or empty when this edgesplit has none (the job
     *     then checkpoints under {@code stateDir}'s sibling and does not resume)
     */
    JobRun(
            String name,
            EdgesplitCli cli,
            String bootstrap,
            EdgesplitTopics topics,
            Path stateDir,
            boolean stateDirSupported,
            Path logDir,
            int parallelism) {
        this.name = name;
        this.cli = cli;
        this.logDir = logDir;
        List<String> a =
                new ArrayList<>(List.of("job", "--bootstrap", bootstrap, "--models", "tiny-chain"));
        a.addAll(List.of("--ui-port", "0", "--parallelism", Integer.toString(parallelism)));
        if (stateDirSupported) {
            a.addAll(List.of("--state-dir", stateDir.toString()));
        } else {
            define(
                    a,
                    "execution.checkpointing.dir",
                    stateDir.resolveSibling(name + "-checkpoints").toUri().toString());
        }
        define(a, "edgesplit.kafka.topic.telemetry", topics.telemetry());
        define(a, "edgesplit.kafka.topic.frames", topics.frames());
        define(a, "edgesplit.kafka.topic.profiles", topics.profiles());
        define(a, "edgesplit.kafka.topic.decisions", topics.decisions());
        define(a, "edgesplit.kafka.topic.results", topics.results());
        define(a, "edgesplit.kafka.topic.deadletters", topics.deadLetters());
        define(a, "edgesplit.kafka.transactional-id-prefix", name);
        define(a, "edgesplit.kafka.group-id", name);
        this.args = List.copyOf(a);
    }

    String name() {
        return name;
    }

    /** Starts the next attempt. */
    synchronized void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(
                    "job " + name + " already runs (pid " + process.pid() + ")");
        }
        attempts++;
        process = cli.start(args, log());
        startedNanos = System.nanoTime();
    }

    /**
     * Waits until the current attempt's Flink job runs with all its tasks, asking the job's web UI
     * (whose port it prints when it starts Flink).
     *
     * @throws IllegalStateException if the process ends or the job does not run within {@code
     *     timeout}
     */
    void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            if (!alive()) {
                throw new IllegalStateException(
                        "job " + name + " ended while starting: " + EdgesplitCli.lastLine(log()));
            }
            Optional<Integer> port = uiPort();
            if (port.isPresent() && allTasksRunning(http, port.get())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "job " + name + " did not run within " + timeout + ": see " + log());
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private Optional<Integer> uiPort() throws IOException {
        Path log = log();
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        Matcher m = UI_PORT.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static boolean allTasksRunning(HttpClient http, int port) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs/overview"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        try {
            JsonNode jobs =
                    JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                            .path("jobs");
            for (JsonNode job : jobs) {
                JsonNode tasks = job.path("tasks");
                if (job.path("state").asText().equals("RUNNING")
                        && tasks.path("running").asInt() == tasks.path("total").asInt()) {
                    return true;
                }
            }
            return false;
        } catch (IOException notYet) {
            // the web UI is not up yet, or just went away: ask again
            return false;
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM; SIGKILL after {@code grace}. Returns the exit code. */
    synchronized int stop(Duration grace) throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit code of an attempt that ended by itself, if it did. */
    synchronized Optional<Integer> exited() {
        return process != null && !process.isAlive()
                ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized long startedNanos() {
        return startedNanos;
    }

    /** The current attempt's log. */
    synchronized Path log() {
        return logDir.resolve("job-" + name + "-" + attempts + ".log");
    }

    /**
     * The first line of the current attempt's log that says where the job resumed from (it mentions
     * a checkpoint and resuming or starting), if any.
     */
    Optional<String> resumeLine() {
        return resumeLine(log());
    }

    /** {@link #resumeLine()} of the attempt that logged to {@code log}. */
    static Optional<String> resumeLine(Path log) {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(JobRun::saysWhereItStarts).findFirst().map(String::strip);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    private static boolean saysWhereItStarts(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("edgesplit job")
                && (l.contains("resum") || l.contains("fresh") || l.contains("checkpoint"));
    }

    private static void define(List<String> args, String key, String value) {
        args.add("-D");
        args.add(key + "=" + value);
    }
}
