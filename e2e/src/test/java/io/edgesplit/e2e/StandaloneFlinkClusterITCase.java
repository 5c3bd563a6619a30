package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.e2e.smoke.SmokeJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts a JobManager and two TaskManagers as separate JVMs from the Maven-resolved Flink jars,
 * submits the smoke job jar through the REST API and checks it runs on both TaskManagers, reports
 * its metrics through Flink's Prometheus reporter under the names the Grafana dashboard queries,
 * can be cancelled, and (bounded) finishes. Stops every process afterwards, also on failure.
 */
class StandaloneFlinkClusterITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SMOKE_JAR_PROPERTY = "smoke.job.jar";
    private static final String EDGE_GROUP_PREFIX =
            DashboardMetrics.OPERATOR_PREFIX + SmokeJob.METRIC_GROUP + "_";

    private static StandaloneFlinkCluster cluster;
    private static Path smokeJar;

    @BeforeAll
    static void startCluster() throws Exception {
        smokeJar = Path.of(System.getProperty(SMOKE_JAR_PROPERTY, "missing"));
        assertThat(smokeJar)
                .as("the smoke job jar (system property %s, built at package)", SMOKE_JAR_PROPERTY)
                .isRegularFile();
        cluster =
                StandaloneFlinkCluster.fromBuildProperties()
                        .workDir(Path.of("target", "standalone-flink-itcase"))
                        .start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster == null) {
            return;
        }
        List<Long> pids = cluster.pids();
        cluster.close();
        assertThat(pids).hasSize(3);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process %d after close()", pid)
                    .isEmpty();
        }
    }

    @Test
    void jobRunsOnBothTaskManagersAndExportsMetricsUnderDashboardNames() throws Exception {
        String jobId = cluster.submitJar(smokeJar, JarRun.withArgs("--rate", "100").parallelism(2));
        cluster.awaitTasksRunning(jobId, TIMEOUT);

        assertThat(cluster.rest().taskManagerIds())
                .containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
        assertThat(cluster.rest().taskManagersOf(jobId))
                .containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");

        String records = EDGE_GROUP_PREFIX + SmokeJob.RECORDS_METRIC;
        String values = EDGE_GROUP_PREFIX + SmokeJob.VALUE_METRIC;
        List<String> scrapes = new ArrayList<>();
        for (URI tm : cluster.taskManagerMetricsUris()) {
            String text = awaitScrape(tm, values + "{");
            assertThat(text)
                    .contains(records + "{")
                    .contains("operator_name=\"" + SmokeJob.MAP_OPERATOR + "\"")
                    .contains("quantile=\"0.95\"")
                    .contains(values + "_count{");
            scrapes.add(text);
        }
        scrapes.add(
                awaitScrape(
                        cluster.jobManagerMetricsUri(),
                        "flink_jobmanager_job_lastCheckpointDuration{"));
        String all = String.join("\n", scrapes);
        for (String metric : DashboardMetrics.KNOWN_FLINK_METRICS) {
            assertThat(all).as("Flink metric %s in the scrape", metric).contains(metric + "{");
        }

        assertThat(cluster.cancel(jobId, TIMEOUT)).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void stopWithSavepointAndResume() throws Exception {
        JarRun run = JarRun.withArgs("--rate", "100").parallelism(2);
        String first = cluster.submitJar(smokeJar, run);
        cluster.awaitTasksRunning(first, TIMEOUT);

        String savepoint = cluster.stopWithSavepoint(first, TIMEOUT);
        assertThat(Path.of(URI.create(savepoint))).isDirectory();

        String resumed = cluster.submitJar(smokeJar, run.fromSavepoint(savepoint));
        cluster.awaitTasksRunning(resumed, TIMEOUT);
        assertThat(awaitRestoredFrom(resumed)).isEqualTo(savepoint);
        assertThat(cluster.cancel(resumed, TIMEOUT)).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void boundedJobFinishes() throws Exception {
        String jobId =
                cluster.submitJar(
                        smokeJar,
                        JarRun.withArgs("--records", "300", "--rate", "1000")
                                .entryClass(SmokeJob.class.getName()));
        assertThat(cluster.awaitJobStatus(jobId, TIMEOUT, JobStatus.FINISHED))
                .isEqualTo(JobStatus.FINISHED);
        assertThat(cluster.rest().jobs()).containsEntry(jobId, JobStatus.FINISHED);
    }

    @Test
    void failingSubmissionNamesTheCause() throws Exception {
        String jarId = cluster.rest().uploadJar(smokeJar);
        JarRun wrongClass = JarRun.withArgs().entryClass("io.edgesplit.NoSuchJob");
        assertThatThrownBy(() -> cluster.rest().runJar(jarId, wrongClass))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("io.edgesplit.NoSuchJob");
    }

    private static String awaitRestoredFrom(String jobId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Optional<String> restored = cluster.rest().restoredFrom(jobId);
        while (restored.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            restored = cluster.rest().restoredFrom(jobId);
        }
        assertThat(restored).as("savepoint job %s restored from", jobId).isPresent();
        return restored.get();
    }

    /** Scrapes until the text has the marker (metrics appear once the tasks registered them). */
    private static String awaitScrape(URI endpoint, String marker) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String text = cluster.scrapeMetrics(endpoint);
        while (!text.contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = cluster.scrapeMetrics(endpoint);
        }
        assertThat(text).as("metrics of %s", endpoint).contains(marker);
        return text;
    }

    /** A failed test leaves no job holding the slots the next one needs. */
    @AfterEach
    void cancelRunningJobs() throws Exception {
        for (var job : cluster.rest().jobs().entrySet()) {
            if (!job.getValue().isGloballyTerminalState()) {
                cluster.cancel(job.getKey(), TIMEOUT);
            }
        }
    }
}
