package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.kafka.client.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure in the middle of the stream: the job restarts from its last checkpoint, and a {@code
 * read_committed} consumer still sees every frame's result exactly once.
 */
class ExactlyOnceRecoveryITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    /** The MiniCluster runs in this JVM, so the flag is shared with the running job. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    static final AtomicInteger SEEN = new AtomicInteger();

    /** Throws once, after some results went through and at least one checkpoint completed. */
    static final class FailOnce implements MapFunction<ResultRecord, ResultRecord> {
        private static final long serialVersionUID = 1L;
        private final int after;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public ResultRecord map(ResultRecord r) {
            if (SEEN.incrementAndGet() > after && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + after + " results");
            }
            return r;
        }
    }

    @Test
    void aRestartNeitherLosesNorDuplicatesResults(@TempDir Path checkpoints) throws Exception {
        FAILED.set(false);
        SEEN.set(0);
        try (KafkaJobFixture fx = new KafkaJobFixture()) {
            Configuration conf = fx.jobConfiguration();
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf = EdgeJobMain.withJobDefaults(conf);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            EdgeJobConfig config = ConfigLoader.load(conf);
            EdgeJob.Outputs out =
                    EdgeJob.build(EdgeJobMain.kafkaSources(env, conf, config), config);
            EdgeJob.Sinks sinks = EdgeJobMain.kafkaSinks(conf);
            int half = KafkaJobFixture.DEVICES * KafkaJobFixture.FRAMES_PER_DEVICE / 2;
            out.results().map(new FailOnce(half + 5)).setParallelism(1).sinkTo(sinks.results());
            out.decisions().sinkTo(sinks.decisions());
            out.deadLetters().sinkTo(sinks.deadLetters());
            JobClient job = env.executeAsync("exactly-once recovery test");
            try {
                // first half, then wait until its results are committed (a checkpoint completed),
                // then the rest: the failure hits after that checkpoint
                long mid = fx.spec.durationMs() / 2;
                long frames = fx.produce(0, mid);
                fx.results((int) frames - KafkaJobFixture.DEVICES, Duration.ofSeconds(120));
                frames += fx.produce(mid, Long.MAX_VALUE);
                fx.results((int) frames, Duration.ofSeconds(150));
                Thread.sleep(1_500);
                List<InferenceResult> results =
                        TopicReader.readAllValues(
                                fx.kafka.bootstrapServers(),
                                fx.topics.results(),
                                InferenceResult.class,
                                Duration.ofSeconds(30));

                assertThat(FAILED).as("the failure was injected").isTrue();
                Set<String> ids = new HashSet<>();
                for (InferenceResult r : results) {
                    assertThat(ids.add(r.getDeviceId() + "/" + r.getFrameId()))
                            .as("%s/%d seen once", r.getDeviceId(), r.getFrameId())
                            .isTrue();
                }
                Set<String> expected = new HashSet<>();
                for (int d = 0; d < KafkaJobFixture.DEVICES; d++) {
                    for (int f = 0; f < KafkaJobFixture.FRAMES_PER_DEVICE; f++) {
                        expected.add(fx.spec.deviceId(d) + "/" + f);
                    }
                }
                assertThat(ids).isEqualTo(expected);
            } finally {
                job.cancel().get();
            }
        }
    }
}
