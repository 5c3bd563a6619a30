package io.edgesplit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.kafka.source.DecodingDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the Grafana dashboard queries, the job's metric names (read from the source of
 * {@code EdgeMetrics}, the single place they are defined) and the Flink metrics the dashboard may
 * use, as Flink's Prometheus reporter names them.
 *
 * <p>Reporter naming: {@code flink_} + the logical scope ({@code taskmanager_job_task_operator} for
 * operator metrics) + the user groups ({@code edgesplit}) + the metric name, joined with {@code _};
 * characters outside {@code [a-zA-Z0-9:_]} become {@code _}. Counters, meters and gauges are
 * gauges; histograms are summaries with a {@code quantile} label and a {@code _count} series.
 */
final class DashboardMetrics {

    /** The dashboard provisioned into Grafana by the compose stack. */
    static final String DASHBOARD = "docker/grafana/dashboards/edgesplit.json";

    /** Where the job's metric names are defined. */
    static final String EDGE_METRICS_SOURCE =
            "jobs/edge-job/src/main/java/io/edgesplit/job/metrics/EdgeMetrics.java";

    /** Prefix of the job's operator metrics under the reporter's naming rules. */
    static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_";

    /**
     * The job's dead-letter counter. The Kafka source's deserializer counts dead letters in the
     * group Flink's KafkaSource gives it ({@code deserializer}), not in {@code edgesplit}: see
     * {@code DecodingDeserializer}.
     */
    static final String DEAD_LETTERS =
            OPERATOR_PREFIX + "deserializer_" + DecodingDeserializer.DEAD_LETTERS_METRIC;

    /** Flink's own metrics the dashboard may query; the ITCase checks a live cluster has them. */
    static final Set<String> KNOWN_FLINK_METRICS =
            Set.of(
                    "flink_jobmanager_numRegisteredTaskManagers",
                    "flink_jobmanager_job_numRestarts",
                    "flink_jobmanager_job_lastCheckpointDuration",
                    "flink_taskmanager_job_task_operator_numRecordsInPerSecond",
                    "flink_taskmanager_job_task_operator_numRecordsOutPerSecond",
                    "flink_taskmanager_job_task_busyTimeMsPerSecond",
                    "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                    "flink_taskmanager_job_task_idleTimeMsPerSecond");

    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_:]+");
    private static final Pattern CONSTANT =
            Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";");

    private DashboardMetrics() {}

    /** Every {@code flink_*} metric name in the dashboard's queries and template variables. */
    static Set<String> queriedMetrics(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(metricNames(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            names.addAll(metricNames(variable.path("definition").asText()));
            names.addAll(metricNames(variable.path("query").path("query").asText()));
        }
        return names;
    }

    /**
     * The dashboard's panel queries, with its {@code $job_name} variable matching every job (what
     * Grafana sends to Prometheus).
     */
    static List<String> panelQueries(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText().replace("$job_name", ".*"));
            }
        }
        return queries;
    }

    /** The {@code String} constants of {@code EdgeMetrics}: constant name to metric name. */
    static Map<String, String> edgeMetricConstants(Path source) throws IOException {
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher m = CONSTANT.matcher(Files.readString(source));
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        return constants;
    }

    static Set<String> metricNames(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(query);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
