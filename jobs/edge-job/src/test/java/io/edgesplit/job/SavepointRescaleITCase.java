package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.client.JobTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint, rescale, resume: the job runs at parallelism 1 on the first third of the
 * input, resumes from its savepoint at parallelism 2 on the second, and again at 1 on the rest.
 * Every frame has exactly one committed result across the three runs, and the decisions (the
 * controller's queues included) equal those of one uninterrupted run of the same input.
 */
class SavepointRescaleITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    private static final int DEVICES = 3;
    private static final int FRAMES_PER_DEVICE = 24;
    private static final int[] PARALLELISM = {1, 2, 1};

    @TempDir Path tmp;

    @Test
    void resultsAndControllerStateContinueAcrossSavepointsAndRescaling() throws Exception {
        try (KafkaJobFixture fx = new KafkaJobFixture(DEVICES, FRAMES_PER_DEVICE, 10)) {
            Configuration conf = fx.jobConfiguration();
            conf.set(EdgeJobOptions.SOURCE_IDLENESS, KafkaJobFixture.DETERMINISTIC_IDLENESS);
            long duration = fx.spec.durationMs();
            String savepoint = null;
            long frames = 0;
            KafkaJobFixture.Outputs segmented = null;
            for (int run = 0; run < PARALLELISM.length; run++) {
                boolean lastRun = run == PARALLELISM.length - 1;
                frames +=
                        fx.produce(
                                fx.topics,
                                duration * run / 3,
                                lastRun ? Long.MAX_VALUE : duration * (run + 1) / 3,
                                (p, n) -> {});
                JobClient job =
                        fx.start(conf, tmp.resolve("cp" + run), PARALLELISM[run], savepoint);
                if (lastRun) {
                    segmented = readAllAndCancel(fx, conf, job, frames);
                    break;
                }
                // most of this part decided and committed; the rest stays in the savepoint
                fx.awaitResults(conf, frames - DEVICES, job, Duration.ofSeconds(90));
                savepoint =
                        job.stopWithSavepoint(
                                        false,
                                        tmp.resolve("sp" + run).toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(60, TimeUnit.SECONDS);
            }

            EdgesplitTopics ref = fx.topics.withPrefix("ref.");
            Configuration refConf = KafkaJobFixture.withTopics(conf, ref);
            JobTopics.createMissing(fx.kafka.bootstrapServers(), refConf, line -> {});
            assertThat(fx.produce(ref, 0, Long.MAX_VALUE, (p, n) -> {})).isEqualTo(frames);
            KafkaJobFixture.Outputs uninterrupted =
                    fx.runUntilResults(refConf, frames, tmp.resolve("cp-ref"));

            assertThat(segmented.outcomes())
                    .hasSize((int) frames)
                    .containsOnlyKeys(expectedIds(fx));
            assertThat(segmented.outcomes()).isEqualTo(uninterrupted.outcomes());
            assertThat(segmented.sortedDecisions())
                    .hasSize((int) frames)
                    .isEqualTo(uninterrupted.sortedDecisions());
        }
    }

    private static KafkaJobFixture.Outputs readAllAndCancel(
            KafkaJobFixture fx, Configuration conf, JobClient job, long frames) throws Exception {
        try {
            fx.awaitResults(conf, frames, job, Duration.ofSeconds(90));
            Thread.sleep(1_500); // one more checkpoint: anything duplicated would show now
            return fx.read(conf, job);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> expectedIds(KafkaJobFixture fx) {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            for (int f = 0; f < FRAMES_PER_DEVICE; f++) {
                ids.add(fx.spec.deviceId(d) + "/" + f);
            }
        }
        return ids;
    }
}
