package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.Decision;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism promise end to end: the same trace replayed (as fast as possible, so telemetry
 * and frames interleave differently) into two fresh brokers and jobs gives the same decisions. The
 * brokers start empty: {@code replay --create-topics} creates every topic the job needs.
 */
class ReplayDeterminismITCase {

    private static final int DEVICES = 3;
    private static final int FRAMES = DEVICES * 4 * 5;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path tmp;

    @Test
    void replayingATraceTwiceGivesTheSameDecisions() throws Exception {
        Path trace = tmp.resolve("trace");
        CliRun gen =
                GenTraceCommandTest.genTrace(
                        trace,
                        "--devices",
                        String.valueOf(DEVICES),
                        "--duration",
                        "4s",
                        "--fps",
                        "5",
                        "--model",
                        "tiny-chain",
                        "--uplink",
                        "6e6,0.5e6");
        assertThat(gen.exitCode()).as(gen.err()).isZero();

        List<String> first = decisionsOfAReplay(trace, tmp.resolve("cp1"));
        List<String> second = decisionsOfAReplay(trace, tmp.resolve("cp2"));

        assertThat(first).hasSize(FRAMES);
        assertThat(second).isEqualTo(first);
    }

    private static List<String> decisionsOfAReplay(Path trace, Path checkpoints) throws Exception {
        EdgesplitTopics topics = EdgesplitTopics.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            CliRun replay =
                    CliRun.of(
                            "replay",
                            "--bootstrap",
                            kafka.bootstrapServers(),
                            "--trace",
                            trace.toString(),
                            "--speed",
                            "max",
                            "--create-topics");
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            // a fresh broker: replay created every topic the job reads and writes
            assertThat(replay.err())
                    .contains("created topic " + topics.frames() + " (2 partitions)")
                    .contains("created topic " + topics.profiles() + " (1 partition)")
                    .contains("created topic " + topics.results() + " (1 partition)");

            Configuration c = new Configuration();
            c.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            c.set(EdgeJobOptions.MODELS, List.of("tiny-chain"));
            c.set(EdgeJobOptions.PROVIDER, "cpu");
            c.set(EdgeJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
            // with 500 ms, a reader that a loaded machine kept from its first records that long was
            // marked idle, its records came late, and the decisions of the two replays differed
            c.set(EdgeJobOptions.SOURCE_IDLENESS, Duration.ofSeconds(2));
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            Configuration conf = EdgeJobMain.withJobDefaults(c);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            EdgeJobMain.wire(env, conf);
            JobClient job = env.executeAsync("replay determinism");
            try {
                TopicReader.poll(
                        kafka.bootstrapServers(),
                        topics.decisions(),
                        FRAMES,
                        Duration.ofSeconds(120));
                return TopicReader.readAllValues(
                                kafka.bootstrapServers(),
                                topics.decisions(),
                                Decision.class,
                                Duration.ofSeconds(30))
                        .stream()
                        .map(Decision::toString)
                        .sorted()
                        .toList();
            } finally {
                job.cancel().get();
            }
        }
    }
}
