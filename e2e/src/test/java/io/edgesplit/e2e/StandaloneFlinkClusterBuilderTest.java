package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder refuses bad settings before it starts any process. */
class StandaloneFlinkClusterBuilderTest {

    @TempDir Path workDir;

    @Test
    void refusesAMissingClasspath() {
        assertThatThrownBy(() -> StandaloneFlinkCluster.builder().workDir(workDir).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Flink classpath")
                .hasMessageContaining("flink-classpath.txt");
    }

    @Test
    void refusesClasspathEntriesThatDoNotExist() {
        Path missing = workDir.resolve("flink-runtime-missing.jar");
        assertThatThrownBy(
                        () ->
                                StandaloneFlinkCluster.builder()
                                        .classpath(missing.toString())
                                        .workDir(workDir)
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refusesZeroTaskManagers() {
        assertThatThrownBy(
                        () ->
                                StandaloneFlinkCluster.builder()
                                        .classpath(workDir.toString())
                                        .workDir(workDir)
                                        .taskManagers(0)
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taskManagers 0");
    }

    @Test
    void refusesOptionsItManagesItself() {
        for (String key :
                List.of("rest.port", "metrics.reporter.prom.port", "jobmanager.rpc.port")) {
            assertThatThrownBy(() -> StandaloneFlinkCluster.builder().config(key, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(key + " is set by StandaloneFlinkCluster");
        }
        assertThat(StandaloneFlinkCluster.builder().config("pipeline.generic-types", false))
                .isNotNull();
    }

    @Test
    void jarRunCarriesOptionalSettings() {
        JarRun run =
                JarRun.withArgs("--bootstrap", "localhost:9092")
                        .entryClass("io.edgesplit.job.EdgeJobMain")
                        .parallelism(2)
                        .fromSavepoint("file:///tmp/savepoint-1");
        assertThat(run.programArgs()).containsExactly("--bootstrap", "localhost:9092");
        assertThat(run.entryClass()).contains("io.edgesplit.job.EdgeJobMain");
        assertThat(run.parallelism()).contains(2);
        assertThat(run.savepointPath()).contains("file:///tmp/savepoint-1");
        assertThatThrownBy(() -> run.parallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism 0");
    }
}
