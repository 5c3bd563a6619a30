package io.edgesplit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar users submit with {@code flink run} carries the job and nothing of the command
 * line: no picocli, no plotting, no dashboard assets, no {@code io.edgesplit.cli} classes (issue
 * 10: the CLI lives in apps/cli, above the job).
 */
class JobJarContentsITCase {

    @Test
    void theJobJarHasTheJobAndNoCommandLine() throws Exception {
        Path jar = Path.of(System.getProperty("edgesplit.job.jar", "missing"));
        assertThat(Files.isRegularFile(jar))
                .as("job jar %s (built by jobs/edge-job)", jar)
                .isTrue();
        try (JarFile f = new JarFile(jar.toFile())) {
            List<String> names = f.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "io/edgesplit/job/EdgeJobMain.class",
                            "io/edgesplit/job/functions/PartitionControllerFunction.class",
                            "io/edgesplit/core/controller/DeviceController.class",
                            "io/edgesplit/onnx/split/ModelSplitter.class");
            assertThat(names)
                    .noneMatch(
                            n ->
                                    n.startsWith("picocli/")
                                            || n.startsWith("org/knowm/xchart/")
                                            || n.startsWith("org/webjars/")
                                            || n.startsWith("META-INF/resources/webjars/")
                                            || n.startsWith("io/edgesplit/cli/"));
        }
    }
}
