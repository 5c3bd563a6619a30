package io.edgesplit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;

/**
 * The few endpoints of Flink's REST API that deploying and checking a job needs: cluster overview,
 * jar upload and run, job state, where a job's tasks run, cancellation and the exception history.
 * Plain {@code java.net.http}; thread-safe.
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;

    /** A client for the REST endpoint at {@code base}, e.g. {@code http://localhost:8081}. */
    public FlinkRestClient(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The REST endpoint this client talks to. */
    public URI base() {
        return base;
    }

    /** {@code GET /overview}: task managers, slots, jobs by state, Flink version. */
    public JsonNode overview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /** Ids of the registered task managers ({@code taskmanager.resource-id} when set). */
    public List<String> taskManagerIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /** Uploads a jar ({@code POST /jars/upload}) and returns the id later calls refer to it by. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("job jar " + jar + " does not exist: build it first");
        }
        String boundary = "edgesplit-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(uri("/jars/upload"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                BodyPublishers.ofByteArrays(
                                        List.of(
                                                head.getBytes(StandardCharsets.UTF_8),
                                                Files.readAllBytes(jar),
                                                tail.getBytes(StandardCharsets.UTF_8))))
                        .build();
        JsonNode answer = send(request, "POST /jars/upload");
        String fileName = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || fileName.isEmpty()) {
            throw new IOException("uploading " + jar + " failed: " + answer);
        }
        return Path.of(fileName).getFileName().toString();
    }

    /** Runs an uploaded jar ({@code POST /jars/:jarid/run}) and returns the new job's id. */
    public String runJar(String jarId, JarRun run) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("programArgsList", run.programArgs());
        run.entryClass().ifPresent(c -> body.put("entryClass", c));
        run.parallelism().ifPresent(p -> body.put("parallelism", p));
        run.savepointPath().ifPresent(p -> body.put("savepointPath", p));
        JsonNode answer = post("/jars/" + jarId + "/run", body);
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("running jar " + jarId + " returned no job id: " + answer);
        }
        return jobId;
    }

    /** {@code GET /jobs/:jobid}: state, vertices and their states. */
    public JsonNode jobDetails(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /** The job's current state. */
    public JobStatus jobStatus(String jobId) throws IOException, InterruptedException {
        return JobStatus.valueOf(jobDetails(jobId).path("state").asText());
    }

    /** Ids and states of all jobs the cluster knows, by job id. */
    public Map<String, JobStatus> jobs() throws IOException, InterruptedException {
        Map<String, JobStatus> jobs = new TreeMap<>();
        for (JsonNode job : get("/jobs").path("jobs")) {
            jobs.put(job.path("id").asText(), JobStatus.valueOf(job.path("status").asText()));
        }
        return jobs;
    }

    /** Ids of the task managers that run at least one subtask of the job. */
    public Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : jobDetails(jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            for (JsonNode tm : get(path + "/taskmanagers").path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** Cancels a job ({@code PATCH /jobs/:jobid?mode=cancel}); returns once Flink accepted it. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                        .timeout(REQUEST_TIMEOUT)
                        .method("PATCH", BodyPublishers.noBody())
                        .build();
        send(request, "PATCH /jobs/" + jobId);
    }

    /**
     * Stops the job with a savepoint ({@code POST /jobs/:jobid/stop}) into the target directory, or
     * into the cluster's {@code execution.checkpointing.savepoint-dir} when empty; returns the
     * trigger id that {@link #savepointLocation} polls.
     */
    public String stopWithSavepoint(String jobId, Optional<String> targetDirectory)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("drain", false);
        targetDirectory.ifPresent(d -> body.put("targetDirectory", d));
        String triggerId = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        if (triggerId.isEmpty()) {
            throw new IOException("stopping job " + jobId + " returned no trigger id");
        }
        return triggerId;
    }

    /**
     * The savepoint's location once the triggered savepoint completed, empty while it is in
     * progress; throws when it failed.
     */
    public Optional<String> savepointLocation(String jobId, String triggerId)
            throws IOException, InterruptedException {
        JsonNode answer = get("/jobs/" + jobId + "/savepoints/" + triggerId);
        if (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
            return Optional.empty();
        }
        JsonNode operation = answer.path("operation");
        if (operation.has("failure-cause")) {
            JsonNode cause = operation.path("failure-cause");
            throw new IOException(
                    "savepoint of job "
                            + jobId
                            + " failed: "
                            + cause.path("stack-trace")
                                    .asText(cause.toString())
                                    .lines()
                                    .findFirst()
                                    .orElse(""));
        }
        return Optional.of(operation.path("location").asText());
    }

    /**
     * A thread dump of one task manager ({@code GET /taskmanagers/:id/thread-dump}), thread by
     * thread as {@code jstack} prints them.
     */
    public String threadDump(String taskManagerId) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (JsonNode thread :
                get("/taskmanagers/" + taskManagerId + "/thread-dump").path("threadInfos")) {
            out.append(thread.path("stringifiedThreadInfo").asText()).append('\n');
        }
        return out.toString();
    }

    /**
     * Number of checkpoints of the job that completed so far ({@code GET
     * /jobs/:jobid/checkpoints}).
     */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The savepoint or checkpoint the job was restored from, once it restored. */
    public Optional<String> restoredFrom(String jobId) throws IOException, InterruptedException {
        JsonNode restored = get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        String path = restored.path("external_path").asText();
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    /** The first line of the job's most recent failure, if it failed or restarted. */
    public Optional<String> lastFailure(String jobId) throws IOException, InterruptedException {
        JsonNode entries = get("/jobs/" + jobId + "/exceptions").path("exceptionHistory");
        for (JsonNode entry : entries.path("entries")) {
            String trace = entry.path("stacktrace").asText();
            if (!trace.isEmpty()) {
                return Optional.of(trace.lines().findFirst().orElse(trace));
            }
        }
        return Optional.empty();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
        return send(request, "GET " + path);
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        return send(request, "POST " + path);
    }

    private JsonNode send(HttpRequest request, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        String text = response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    what + " answered HTTP " + response.statusCode() + ": " + errors(text));
        }
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    /**
     * Flink's error bodies are {"errors": ["message", "stack trace"]}: keep each entry's first line
     * and its innermost "Caused by", which usually names the real problem.
     */
    private static String errors(String body) {
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (IOException notJson) {
            return body;
        }
        if (!errors.isArray() || errors.isEmpty()) {
            return body;
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode error : errors) {
            List<String> text = error.asText().lines().toList();
            if (!text.isEmpty()) {
                lines.add(text.get(0));
            }
            text.stream()
                    .filter(l -> l.startsWith("Caused by:"))
                    .reduce((first, second) -> second)
                    .ifPresent(lines::add);
        }
        return String.join(" | ", lines);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
