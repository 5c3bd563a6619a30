package io.edgesplit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (the binary named by the system property {@value #BINARY_PROPERTY}; the
 * {@code prometheus} Maven profile sets it to the Debian package's {@code /usr/bin/prometheus})
 * scraping a standalone cluster's reporters every second, with its query API. {@link #close()}
 * stops it.
 */
final class PrometheusServer implements AutoCloseable {

    /** System property with the Prometheus binary; ITCases that need it are enabled by it. */
    static final String BINARY_PROPERTY = "prometheus.binary";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration POLL = Duration.ofMillis(500);

    private final Process process;
    private final URI queryApi;
    private final Path outputFile;

    private PrometheusServer(Process process, URI queryApi, Path outputFile) {
        this.process = process;
        this.queryApi = queryApi;
        this.outputFile = outputFile;
    }

    /** Starts Prometheus in {@code dir} scraping the cluster's JobManager and TaskManagers. */
    static PrometheusServer start(StandaloneFlinkCluster cluster, Path dir) throws IOException {
        String binary = System.getProperty(BINARY_PROPERTY, "");
        if (binary.isBlank() || !Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(
                    "no Prometheus binary at '"
                            + binary
                            + "': install the Debian package prometheus or pass -D"
                            + BINARY_PROPERTY
                            + "=PATH");
        }
        Files.createDirectories(dir);
        List<String> targets = new ArrayList<>();
        targets.add(cluster.jobManagerMetricsUri().getAuthority());
        cluster.taskManagerMetricsUris().forEach(u -> targets.add(u.getAuthority()));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: flink\n"
                        + "    static_configs:\n      - targets: ["
                        + targets.stream()
                                .map(t -> "\"" + t + "\"")
                                .collect(Collectors.joining(", "))
                        + "]\n");
        int port = freePort();
        Path out = dir.resolve("prometheus.out");
        Process process =
                new ProcessBuilder(
                                binary,
                                "--config.file=" + config,
                                "--storage.tsdb.path=" + dir.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        return new PrometheusServer(
                process, URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="), out);
    }

    /** Answer of an instant query (the whole JSON: status, data.result). */
    JsonNode query(String expr, Duration timeout) throws IOException, InterruptedException {
        URI uri = URI.create(queryApi + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Prometheus exited with code "
                                + process.exitValue()
                                + "; its output is in "
                                + outputFile);
            }
            try {
                String body =
                        HTTP.send(
                                        HttpRequest.newBuilder(uri).GET().build(),
                                        BodyHandlers.ofString())
                                .body();
                return JSON.readTree(body);
            } catch (IOException notUpYet) {
                if (System.nanoTime() > deadline) {
                    throw notUpYet;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * Queries until the answer has at least {@code count} series or the timeout passed; returns the
     * last answer's series (the caller asserts on them).
     */
    JsonNode awaitSeries(String expr, int count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result = query(expr, timeout).path("data").path("result");
        while (result.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            result = query(expr, timeout).path("data").path("result");
        }
        return result;
    }

    /** Stops the server: SIGTERM, SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
