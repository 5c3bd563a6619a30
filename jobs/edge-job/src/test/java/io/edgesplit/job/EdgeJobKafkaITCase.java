package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as {@code main} wires it, against a real (embedded) Kafka broker: generated frames and
 * telemetry plus bad records in, exactly one committed result per frame out, dead letters with
 * their reasons, a decision per decided frame.
 */
class EdgeJobKafkaITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    @Test
    void framesInResultsOutDeadLettersAside(@TempDir Path checkpoints) throws Exception {
        try (KafkaJobFixture fx = new KafkaJobFixture()) {
            long frames = fx.produceScenario();
            try (AvroProducer p = AvroProducer.builder(fx.kafka.bootstrapServers()).build()) {
                long ts = fx.start + 500;
                p.sendRaw(
                        fx.topics.frames(),
                        "cam-0",
                        "garbage".getBytes(StandardCharsets.UTF_8),
                        ts);
                p.send(
                        fx.topics.telemetry(),
                        "cam-1",
                        telemetry("cam-1", ts, "jetson-tx2", -1e6),
                        ts);
                p.send(fx.topics.telemetry(), "cam-2", telemetry("cam-2", ts, "toaster", 1e6), ts);
                p.flush();
            }

            Configuration conf = fx.jobConfiguration();
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf = EdgeJobMain.withJobDefaults(conf);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            EdgeJobMain.wire(env, conf);
            JobClient job = env.executeAsync("edge job kafka test");
            try {
                fx.results((int) frames, Duration.ofSeconds(120));
                Thread.sleep(1_500); // one more checkpoint: anything duplicated would show now
                List<InferenceResult> results =
                        TopicReader.readAllValues(
                                fx.kafka.bootstrapServers(),
                                fx.topics.results(),
                                InferenceResult.class,
                                Duration.ofSeconds(30));
                List<DeadLetter> dead = fx.deadLetters(3, Duration.ofSeconds(30));
                List<io.edgesplit.avro.Decision> decisions =
                        TopicReader.readAllValues(
                                fx.kafka.bootstrapServers(),
                                fx.topics.decisions(),
                                io.edgesplit.avro.Decision.class,
                                Duration.ofSeconds(30));

                Set<String> ids = new HashSet<>();
                for (InferenceResult r : results) {
                    assertThat(ids.add(r.getDeviceId() + "/" + r.getFrameId())).isTrue();
                }
                assertThat(results).hasSize((int) frames);
                assertThat(results)
                        .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.OK));
                assertThat(results).allSatisfy(r -> assertThat(r.getTop1()).isNotNull());
                assertThat(decisions).hasSize((int) frames);
                assertThat(dead)
                        .extracting(DeadLetter::getReason)
                        .anySatisfy(r -> assertThat(r).contains("not Avro single-object encoded"))
                        .anySatisfy(
                                r -> assertThat(r).contains("uplink throughput -1000000.0 bit/s"))
                        .anySatisfy(r -> assertThat(r).contains("unknown device type 'toaster'"));
                assertThat(dead).allSatisfy(d -> assertThat(d.getRaw()).isNotNull());
            } finally {
                job.cancel().get();
            }
        }
    }

    static DeviceTelemetry telemetry(String device, long ts, String type, double bps) {
        return DeviceTelemetry.newBuilder()
                .setDeviceId(device)
                .setEventTime(Instant.ofEpochMilli(ts))
                .setDeviceType(type)
                .setUplinkBps(bps)
                .build();
    }
}
