package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.e2e.smoke.SmokeJob;
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
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A real Prometheus server (the Debian package; {@code mvn -pl e2e verify -Pprometheus}) scrapes
 * the standalone cluster's reporters while the smoke job runs: the job's metric in the group
 * "edgesplit" arrives under the expected name from both TaskManagers, every query of the Grafana
 * dashboard is valid PromQL, and the queries over Flink's own metrics return data.
 */
@EnabledIfSystemProperty(named = PrometheusScrapeITCase.BINARY_PROPERTY, matches = ".+")
class PrometheusScrapeITCase {

    static final String BINARY_PROPERTY = "prometheus.binary";

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheJobsMetricsAndAnswersTheDashboardQueries() throws Exception {
        Path smokeJar = Path.of(System.getProperty("smoke.job.jar", "missing"));
        Path workDir = Path.of("target", "standalone-flink-prometheus").toAbsolutePath();
        try (StandaloneFlinkCluster cluster =
                StandaloneFlinkCluster.fromBuildProperties().workDir(workDir).start()) {
            String jobId =
                    cluster.submitJar(smokeJar, JarRun.withArgs("--rate", "100").parallelism(2));
            cluster.awaitTasksRunning(jobId, TIMEOUT);

            int port = freePort();
            Process prometheus = startPrometheus(cluster, workDir.resolve("prometheus"), port);
            try {
                URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
                String records =
                        DashboardMetrics.OPERATOR_PREFIX
                                + SmokeJob.METRIC_GROUP
                                + "_"
                                + SmokeJob.RECORDS_METRIC;
                JsonNode series = awaitSeries(api, records, 2);
                List<String> tms = new ArrayList<>();
                series.forEach(s -> tms.add(s.path("metric").path("tm_id").asText()));
                assertThat(tms).containsExactlyInAnyOrder("taskmanager_1", "taskmanager_2");

                for (String expr : dashboardQueries()) {
                    JsonNode answer = query(api, expr);
                    assertThat(answer.path("status").asText())
                            .as("query %s", expr)
                            .isEqualTo("success");
                    if (DashboardMetrics.KNOWN_FLINK_METRICS.containsAll(
                            DashboardMetrics.metricNames(expr))) {
                        assertThat(awaitSeries(api, expr, 1)).as("data for %s", expr).isNotEmpty();
                    }
                }
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor();
                }
            }
            assertThat(cluster.cancel(jobId, TIMEOUT)).isEqualTo(JobStatus.CANCELED);
        }
    }

    private static Process startPrometheus(StandaloneFlinkCluster cluster, Path dir, int port)
            throws IOException {
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
        return new ProcessBuilder(
                        System.getProperty(BINARY_PROPERTY),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.out").toFile())
                .start();
    }

    /** The panel queries, with the dashboard's job variable matching every job. */
    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(RepoFiles.resolve(DashboardMetrics.DASHBOARD).toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText().replace("$job_name", ".*"));
            }
        }
        assertThat(queries).isNotEmpty();
        return queries;
    }

    /** Queries until the answer has at least {@code count} series; returns them. */
    private static JsonNode awaitSeries(URI api, String expr, int count) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode result = query(api, expr).path("data").path("result");
        while (result.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
            result = query(api, expr).path("data").path("result");
        }
        assertThat(result.size()).as("series of %s", expr).isGreaterThanOrEqualTo(count);
        return result;
    }

    private static JsonNode query(URI api, String expr) throws Exception {
        URI uri = URI.create(api + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
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
                Thread.sleep(500);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
