package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the deployment files in step with the repository: every file the compose services build
 * from, copy or mount exists; Prometheus scrapes services that exist on the port Flink reports on;
 * Grafana's provisioning matches the mounts; the dashboard queries only metrics the job (per {@code
 * EdgeMetrics}) or Flink export, named as Flink's Prometheus reporter names them; the Kubernetes
 * examples deploy the image's job jar.
 */
class DeploymentFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String COMPOSE = "docker/docker-compose.yml";
    private static final String COMPOSE_GPU = "docker/docker-compose.gpu.yml";
    private static final String COMPOSE_SECURED = "docker/docker-compose.secured.yml";
    private static final String FLINK_CONFIG = "docker/conf/config.yaml";
    private static final String PROMETHEUS = "docker/prometheus/prometheus.yml";
    private static final String JOB_JAR_IN_IMAGE = "/opt/flink/usrlib/edgesplit-job.jar";
    private static final String PROMETHEUS_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final Pattern SCRIPT_PATH = Pattern.compile("/opt/edgesplit/[\\w.-]+\\.sh");

    @Test
    void everyBuildAndMountSourceOfEveryComposeFileExists() throws IOException {
        for (String file : List.of(COMPOSE, COMPOSE_GPU, COMPOSE_SECURED)) {
            Path compose = RepoFiles.resolve(file);
            Path dir = compose.getParent();
            JsonNode root = YAML.readTree(compose.toFile());
            Set<String> namedVolumes =
                    Stream.of(YAML.readTree(RepoFiles.resolve(COMPOSE).toFile()), root)
                            .flatMap(r -> r.path("volumes").propertyStream())
                            .map(Map.Entry::getKey)
                            .collect(Collectors.toSet());
            for (Map.Entry<String, JsonNode> service : root.path("services").properties()) {
                String name = file + " service " + service.getKey();
                JsonNode build = service.getValue().path("build");
                if (!build.isMissingNode()) {
                    checkBuild(name, dir, build);
                }
                for (JsonNode volume : service.getValue().path("volumes")) {
                    checkVolume(name, dir, volume.asText(), namedVolumes);
                }
            }
        }
    }

    @Test
    void scriptsTheServicesRunAreMountedIntoThem() throws IOException {
        JsonNode services = YAML.readTree(RepoFiles.resolve(COMPOSE).toFile()).path("services");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            JsonNode s = service.getValue();
            Matcher m = SCRIPT_PATH.matcher(s.path("command").toString() + s.path("entrypoint"));
            while (m.find()) {
                String script = m.group();
                assertThat(s.path("volumes").toString())
                        .as("service %s runs %s", service.getKey(), script)
                        .contains(":" + script + ":ro");
                checked.add(service.getKey());
            }
        }
        assertThat(checked).contains("kafka-init", "client", "replayer");
    }

    @Test
    void dockerfilesCopyOnlyFilesThatExist() throws IOException {
        Path root = RepoFiles.root();
        for (String dockerfile :
                List.of("docker/flink/Dockerfile", "docker/flink-gpu/Dockerfile")) {
            List<String> sources = copySources(RepoFiles.resolve(dockerfile));
            assertThat(sources).as("COPY sources of %s", dockerfile).isNotEmpty();
            for (String source : sources) {
                assertThat(root.resolve(source))
                        .as(
                                "%s copies %s (relative to the build context, the repository root)",
                                dockerfile, source)
                        .exists();
            }
        }
    }

    @Test
    void prometheusScrapesComposeServicesOnTheReporterPort() throws IOException {
        JsonNode flinkConfig = YAML.readTree(RepoFiles.resolve(FLINK_CONFIG).toFile());
        assertThat(flinkConfig.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo(PROMETHEUS_FACTORY);
        int port = flinkConfig.path("metrics.reporter.prom.port").asInt();

        Set<String> services =
                YAML.readTree(RepoFiles.resolve(COMPOSE).toFile())
                        .path("services")
                        .propertyStream()
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
        List<String> scraped = new ArrayList<>();
        for (JsonNode job :
                YAML.readTree(RepoFiles.resolve(PROMETHEUS).toFile()).path("scrape_configs")) {
            for (JsonNode config : job.path("static_configs")) {
                for (JsonNode target : config.path("targets")) {
                    String[] hostPort = target.asText().split(":");
                    scraped.add(hostPort[0]);
                    assertThat(Integer.parseInt(hostPort[1]))
                            .as("port of %s", target)
                            .isEqualTo(port);
                }
            }
            for (JsonNode config : job.path("dns_sd_configs")) {
                config.path("names").forEach(n -> scraped.add(n.asText()));
                assertThat(config.path("port").asInt()).as("port of %s", config).isEqualTo(port);
            }
        }
        assertThat(services).containsAll(scraped);
        assertThat(scraped).contains("jobmanager", "taskmanager");
    }

    @Test
    void grafanaProvisioningMatchesTheMountsAndTheDashboard() throws IOException {
        JsonNode grafana =
                YAML.readTree(RepoFiles.resolve(COMPOSE).toFile()).path("services").path("grafana");
        String mounts = grafana.path("volumes").toString();
        JsonNode datasource =
                YAML.readTree(
                                RepoFiles.resolve(
                                                "docker/grafana/provisioning/datasources/prometheus.yml")
                                        .toFile())
                        .path("datasources")
                        .get(0);
        JsonNode provider =
                YAML.readTree(
                                RepoFiles.resolve(
                                                "docker/grafana/provisioning/dashboards/edgesplit.yml")
                                        .toFile())
                        .path("providers")
                        .get(0);
        String dashboardsDir = provider.path("options").path("path").asText();

        assertThat(mounts)
                .contains("./grafana/provisioning:/etc/grafana/provisioning")
                .contains("./grafana/dashboards:" + dashboardsDir);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(
                        grafana.path("environment")
                                .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
                                .asText())
                .isEqualTo(dashboardsDir + "/edgesplit.json");

        JsonNode dashboard =
                new ObjectMapper().readTree(RepoFiles.resolve(DashboardMetrics.DASHBOARD).toFile());
        List<String> uids = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                uids.add(panel.path("datasource").path("uid").asText());
                assertThat(panel.path("targets")).as("panel %s", panel.path("title")).isNotEmpty();
            }
        }
        assertThat(uids).isNotEmpty().containsOnly(datasource.path("uid").asText());
    }

    @Test
    void dashboardQueriesOnlyMetricsTheJobOrFlinkExport() throws IOException {
        Map<String, String> constants =
                DashboardMetrics.edgeMetricConstants(
                        RepoFiles.resolve(DashboardMetrics.EDGE_METRICS_SOURCE));
        String group = constants.remove("GROUP");
        assertThat(group).as("EdgeMetrics.GROUP").isNotNull();
        String prefix = DashboardMetrics.OPERATOR_PREFIX + group + "_";
        Set<String> jobMetrics = Set.copyOf(constants.values());

        Set<String> queried =
                DashboardMetrics.queriedMetrics(RepoFiles.resolve(DashboardMetrics.DASHBOARD));
        List<String> unknown = new ArrayList<>();
        Set<String> usedJobMetrics = new HashSet<>();
        for (String metric : queried) {
            if (metric.startsWith(prefix)) {
                String name = metric.substring(prefix.length()).replaceFirst("_count$", "");
                if (jobMetrics.contains(name)) {
                    usedJobMetrics.add(name);
                    continue;
                }
            } else if (DashboardMetrics.KNOWN_FLINK_METRICS.contains(metric)
                    || metric.equals(DashboardMetrics.DEAD_LETTERS)) {
                continue;
            }
            unknown.add(metric);
        }
        assertThat(unknown)
                .as(
                        "dashboard metrics neither in %s nor known Flink metrics",
                        DashboardMetrics.EDGE_METRICS_SOURCE)
                .isEmpty();
        // the panels the operations issue asks for
        assertThat(usedJobMetrics)
                .contains(
                        "framesInPerSecond",
                        "framesOutPerSecond",
                        "endToEndLatencyMs",
                        "energyPerFrameMilliJoule",
                        "computeBacklogMs",
                        "uplinkBacklogKbit",
                        "chosenCut",
                        "gpuClockMhz",
                        "batchSize");
        assertThat(queried)
                .contains(
                        DashboardMetrics.DEAD_LETTERS,
                        "flink_taskmanager_job_task_operator_numRecordsInPerSecond",
                        "flink_taskmanager_job_task_busyTimeMsPerSecond",
                        "flink_taskmanager_job_task_backPressuredTimeMsPerSecond");
    }

    @Test
    void metricNamesAreFoundInQueries() {
        assertThat(
                        DashboardMetrics.metricNames(
                                "max by (quantile) (flink_taskmanager_job_task_operator_edgesplit_batchSize{job_name=~\"$job_name\", quantile=\"0.95\"})"
                                        + " / sum(rate(flink_jobmanager_job_numRestarts[1m]))"))
                .containsExactlyInAnyOrder(
                        "flink_taskmanager_job_task_operator_edgesplit_batchSize",
                        "flink_jobmanager_job_numRestarts");
    }

    @Test
    void kubernetesExamplesDeployTheImagesJobJarWithPrometheus() throws IOException {
        for (String file :
                List.of("deploy/flink-deployment.yaml", "deploy/flink-deployment-gpu.yaml")) {
            JsonNode spec = YAML.readTree(RepoFiles.resolve(file).toFile()).path("spec");
            JsonNode config = spec.path("flinkConfiguration");
            assertThat(spec.path("image").asText()).as(file).startsWith("edgesplit/flink");
            assertThat(spec.path("job").path("jarURI").asText())
                    .as(file)
                    .isEqualTo("local://" + JOB_JAR_IN_IMAGE);
            assertThat(spec.path("job").path("entryClass").asText())
                    .isEqualTo("io.edgesplit.job.EdgeJobMain");
            assertThat(spec.path("job").path("args").toString()).contains("--bootstrap");
            assertThat(config.path("metrics.reporter.prom.factory.class").asText())
                    .isEqualTo(PROMETHEUS_FACTORY);
            assertThat(
                            spec.path("podTemplate")
                                    .path("metadata")
                                    .path("annotations")
                                    .path("prometheus.io/port")
                                    .asText())
                    .isEqualTo(config.path("metrics.reporter.prom.port").asText());
        }
        JsonNode gpu =
                YAML.readTree(RepoFiles.resolve("deploy/flink-deployment-gpu.yaml").toFile())
                        .path("spec")
                        .path("flinkConfiguration");
        assertThat(gpu.path("external-resources").asText()).isEqualTo("gpu");
        assertThat(gpu.path("external-resource.gpu.kubernetes.config-key").asText())
                .isEqualTo("nvidia.com/gpu");
    }

    @Test
    void onnxRuntimeIsLoadedFromFlinksLibEverywhere() throws IOException {
        for (String dockerfile :
                List.of("docker/flink/Dockerfile", "docker/flink-gpu/Dockerfile")) {
            assertThat(Files.readString(RepoFiles.resolve(dockerfile)))
                    .as(dockerfile)
                    .contains("dependency:copy")
                    .contains("/out/lib/ /opt/flink/lib/");
        }
        String key = "classloader.parent-first-patterns.additional";
        assertThat(YAML.readTree(RepoFiles.resolve(FLINK_CONFIG).toFile()).path(key).asText())
                .contains("ai.onnxruntime.");
        for (String file :
                List.of("deploy/flink-deployment.yaml", "deploy/flink-deployment-gpu.yaml")) {
            JsonNode config =
                    YAML.readTree(RepoFiles.resolve(file).toFile())
                            .path("spec")
                            .path("flinkConfiguration");
            assertThat(config.path(key).asText()).as(file).contains("ai.onnxruntime.");
        }
    }

    @Test
    void theClientSubmitsTheJarTheImageBuilds() throws IOException {
        String dockerfile = Files.readString(RepoFiles.resolve("docker/flink/Dockerfile"));
        String submit = Files.readString(RepoFiles.resolve("docker/flink/submit-job.sh"));
        assertThat(dockerfile)
                .contains("cp jobs/edge-job/target/edgesplit-job.jar /out/usrlib/")
                .contains("/opt/flink/usrlib/");
        assertThat(submit).contains("flink run --detached " + JOB_JAR_IN_IMAGE);
    }

    private static void checkBuild(String service, Path composeDir, JsonNode build) {
        Path context =
                composeDir
                        .resolve(
                                build.isTextual()
                                        ? build.asText()
                                        : build.path("context").asText("."))
                        .normalize();
        assertThat(context).as("%s build context", service).isDirectory();
        String dockerfile = build.path("dockerfile").asText("Dockerfile");
        assertThat(context.resolve(dockerfile)).as("%s Dockerfile", service).isRegularFile();
    }

    private static void checkVolume(
            String service, Path composeDir, String spec, Set<String> namedVolumes) {
        String source = spec.split(":")[0];
        if (source.startsWith(".") || source.startsWith("/")) {
            assertThat(composeDir.resolve(source).normalize())
                    .as("%s mounts %s", service, spec)
                    .exists();
        } else {
            assertThat(namedVolumes)
                    .as("%s uses named volume %s", service, source)
                    .contains(source);
        }
    }

    /** Sources of the Dockerfile's COPY instructions that read the build context. */
    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String[] words = line.trim().split("\\s+");
            if (!words[0].equalsIgnoreCase("COPY") || line.contains("--from=")) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("--")) {
                    args.add(words[i]);
                }
            }
            sources.addAll(args.subList(0, args.size() - 1));
        }
        return sources;
    }
}
