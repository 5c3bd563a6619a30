package io.edgesplit.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The CLI's log4j2.properties, in a child JVM started in a fresh directory: the terminal (stderr)
 * gets edgesplit's own lines and ERRORs from anywhere, edgesplit-out/edgesplit.log also the WARN
 * lines of Flink, Kafka and ONNX Runtime (java.util.logging).
 */
class CliLoggingTest {

    private static final Path LOG_FILE = Path.of("edgesplit-out", "edgesplit.log");

    private static final String OURS_INFO = "ours: the broker is ready";
    private static final String OURS_WARN = "ours: first dead letter";
    private static final String OURS_ERROR = "ours: something broke";
    private static final String FLINK_WARN = "flink: a warning nobody can act on";
    private static final String KAFKA_WARN = "kafka: metadata not yet available";
    private static final String ORT_WARN = "ort: closing an already closed tensor";
    private static final String FLINK_ERROR = "flink: a real error";
    private static final String TASK_FAILED = "flink: an operator switched to FAILED";
    private static final String KAFKA_SLOW = "kafka: exceptionally slow controller event";
    private static final String FENCED_ON_RESUME =
            "Unable to commit transaction (t-1) because its producer is already fenced. If this";
    private static final String COMMIT_FAILED =
            "Transaction (t-2) encountered error and data has been potentially lost.";
    private static final String AUTH_FAILED =
            "Connection to node -1 (localhost/127.0.0.1:9093) failed authentication due to: SSL"
                    + " handshake failed";
    private static final String NETWORK_ERROR = "kafka: a network error of another kind";
    private static final String COMMITTER =
            "org.apache.flink.connector.kafka.sink.internal.KafkaCommitter";

    @Test
    void thirdPartyWarningsGoToTheLogFileOnly(@TempDir Path dir) throws Exception {
        Child child = run(dir, Map.of());

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr())
                .contains(
                        OURS_INFO,
                        OURS_WARN,
                        OURS_ERROR,
                        FLINK_ERROR,
                        TASK_FAILED,
                        COMMIT_FAILED,
                        NETWORK_ERROR)
                .doesNotContain(
                        FLINK_WARN,
                        KAFKA_WARN,
                        ORT_WARN,
                        KAFKA_SLOW,
                        FENCED_ON_RESUME,
                        AUTH_FAILED);
        assertThat(dir.resolve(LOG_FILE))
                .content(StandardCharsets.UTF_8)
                .contains(
                        OURS_INFO,
                        OURS_WARN,
                        OURS_ERROR,
                        FLINK_WARN,
                        KAFKA_WARN,
                        ORT_WARN,
                        FLINK_ERROR,
                        TASK_FAILED,
                        KAFKA_SLOW,
                        FENCED_ON_RESUME,
                        COMMIT_FAILED,
                        AUTH_FAILED,
                        NETWORK_ERROR);
    }

    @Test
    void edgesplitLogLevelPutsEverythingOnTheTerminal(@TempDir Path dir) throws Exception {
        Child child = run(dir, Map.of("EDGESPLIT_LOG_LEVEL", "INFO"));

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).contains(OURS_INFO, FLINK_WARN, KAFKA_WARN, ORT_WARN);
    }

    private record Child(int exitCode, String stderr) {}

    private static Child run(Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb =
                new ProcessBuilder(
                                List.of(
                                        java.toString(),
                                        "-cp",
                                        classpath,
                                        LoggingSample.class.getName()))
                        .directory(dir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile());
        pb.environment().remove("EDGESPLIT_LOG_LEVEL");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not exit: " + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The child JVM: starts logging the way the CLI does, then logs one line per case. */
    public static final class LoggingSample {
        public static void main(String[] args) {
            EdgesplitMain.routeJavaUtilLogging();
            LoggerFactory.getLogger("io.edgesplit.kafka.embedded.EmbeddedKafka").info(OURS_INFO);
            LoggerFactory.getLogger("io.edgesplit.job.DecodingDeserializer").warn(OURS_WARN);
            LoggerFactory.getLogger("io.edgesplit.cli.demo.DemoRunner").error(OURS_ERROR);
            LoggerFactory.getLogger("org.apache.flink.runtime.rest.RestServerEndpoint")
                    .warn(FLINK_WARN);
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn(KAFKA_WARN);
            java.util.logging.Logger.getLogger("ai.onnxruntime.OnnxTensor").warning(ORT_WARN);
            LoggerFactory.getLogger("org.apache.flink.runtime.jobmaster.JobMaster")
                    .error(FLINK_ERROR);
            LoggerFactory.getLogger("org.apache.flink.runtime.taskmanager.Task").warn(TASK_FAILED);
            LoggerFactory.getLogger("org.apache.kafka.controller.EventPerformanceMonitor")
                    .error(KAFKA_SLOW);
            LoggerFactory.getLogger(COMMITTER)
                    .error(FENCED_ON_RESUME, new IllegalStateException("fenced"));
            LoggerFactory.getLogger(COMMITTER).error(COMMIT_FAILED);
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").error(AUTH_FAILED);
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").error(NETWORK_ERROR);
        }
    }
}
