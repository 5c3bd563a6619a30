package io.edgesplit.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.inference.Tensors;
import io.edgesplit.job.mapping.AvroMapping;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.zoo.ModelSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline job as {@code edgesplit job --plan} wires it, on a MiniCluster against a real
 * (embedded) broker: a 3-stage plan of tiny-chain, frames of three cameras in, exactly one
 * committed result per frame out with the full model's top-1 and score, the emulated times of a
 * saturated pipeline, a FAILED outcome for a frame of another model and a dead letter for garbage.
 */
class PipelineJobITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    private static final List<String> DEVICES =
            List.of("jetson-nano", "jetson-tx2", "jetson-xavier-nx");
    private static final List<int[]> STAGES = List.of(new int[] {0}, new int[] {1}, new int[] {2});
    private static final int CAMERAS = 3;
    private static final int FRAMES_PER_CAMERA = 8;
    private static final long CAPTURED = 1_700_000_000_000L;

    @Test
    void everyFrameHasOneResultEqualToTheFullModel(@TempDir Path tmp) throws Exception {
        Path planFile = PlanFixtures.write(Fixtures.MODEL, DEVICES, STAGES, tmp.resolve("p.json"));
        PipelinePlan plan = PipelinePlan.read(planFile);
        assertThat(plan.stages()).hasSize(3);
        EdgesplitTopics topics = EdgesplitTopics.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            kafka.createTopics(2, topics.frames());
            kafka.createTopics(1, topics.results(), topics.deadLetters());
            Map<String, FrameIn> sent = produce(kafka, topics);

            Configuration conf = new Configuration();
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            conf.set(EdgeJobOptions.PLAN, planFile.toString());
            conf.set(EdgeJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    tmp.resolve("chk").toUri().toString());
            conf = EdgeJobMain.withJobDefaults(conf);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            PipelineJobMain.wire(env, conf);
            JobClient job = env.executeAsync("pipeline job test");
            List<InferenceResult> results;
            List<DeadLetter> dead;
            try {
                TopicReader.poll(
                        kafka.bootstrapServers(),
                        topics.results(),
                        sent.size() + 1,
                        Duration.ofSeconds(120));
                Thread.sleep(1_500); // one more checkpoint: anything duplicated would show now
                results =
                        TopicReader.readAllValues(
                                kafka.bootstrapServers(),
                                topics.results(),
                                InferenceResult.class,
                                Duration.ofSeconds(30));
                dead =
                        TopicReader.readAllValues(
                                kafka.bootstrapServers(),
                                topics.deadLetters(),
                                DeadLetter.class,
                                Duration.ofSeconds(30));
            } finally {
                job.cancel().get();
            }
            checkResults(results, sent, plan);
            assertThat(dead)
                    .singleElement()
                    .satisfies(
                            d ->
                                    assertThat(d.getReason())
                                            .contains("not Avro single-object encoded"));
        }
    }

    /** Each camera's frames, all captured at once (a saturated pipeline), plus two bad records. */
    private static Map<String, FrameIn> produce(EmbeddedKafka kafka, EdgesplitTopics topics) {
        Map<String, FrameIn> sent = new HashMap<>();
        try (AvroProducer p = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            for (int i = 0; i < FRAMES_PER_CAMERA; i++) {
                for (int c = 0; c < CAMERAS; c++) {
                    FrameIn f = Fixtures.frame("cam-" + c, i, CAPTURED);
                    sent.put(f.deviceId() + "/" + i, f);
                    p.send(topics.frames(), f.deviceId(), AvroMapping.frame(f), CAPTURED);
                }
            }
            FrameIn other = Fixtures.frame("cam-other", 0, CAPTURED);
            other = new FrameIn(other.deviceId(), 0, CAPTURED, "resnet18", 0, other.tensors());
            p.send(topics.frames(), other.deviceId(), AvroMapping.frame(other), CAPTURED);
            p.sendRaw(
                    topics.frames(), "cam-0", "garbage".getBytes(StandardCharsets.UTF_8), CAPTURED);
            p.flush();
        }
        return sent;
    }

    private static void checkResults(
            List<InferenceResult> results, Map<String, FrameIn> sent, PipelinePlan plan) {
        assertThat(results).hasSize(sent.size() + 1);
        assertThat(results.stream().map(r -> r.getDeviceId() + "/" + r.getFrameId()))
                .doesNotHaveDuplicates();
        InferenceResult failed =
                results.stream()
                        .filter(r -> r.getDeviceId().equals("cam-other"))
                        .findFirst()
                        .orElseThrow();
        assertThat(failed.getStatus()).isEqualTo(ResultStatus.FAILED);
        assertThat(failed.getReason())
                .contains("model 'resnet18'")
                .contains("'" + Fixtures.MODEL + "'");
        try (ModelRunner full =
                ModelRunner.open(ModelSource.resolve(Fixtures.MODEL), RunnerOptions.defaults())) {
            for (InferenceResult r : results) {
                if (r.getDeviceId().equals("cam-other")) {
                    continue;
                }
                assertThat(r.getStatus()).as(r.getReason()).isEqualTo(ResultStatus.OK);
                FrameIn f = sent.get(r.getDeviceId() + "/" + r.getFrameId());
                Tensors.Top1 expected =
                        Tensors.top1(full.run(Tensors.toData(f.tensors()[0])).get(0))[0];
                assertThat(r.getTop1()).isEqualTo(expected.index());
                assertThat((double) r.getScore())
                        .isCloseTo(expected.score(), within(1e-4 * expected.score()));
                checkTimes(r, plan);
            }
        }
    }

    /**
     * Frames captured together leave a deterministic pipeline one period apart after the first,
     * which takes the sum of the stage times: frame i ends at latency + i × period.
     */
    private static void checkTimes(InferenceResult r, PipelinePlan plan) {
        assertThat(r.getPipelineStages()).isEqualTo(3);
        assertThat(r.getPredictedMs()).isCloseTo(plan.latencyMs(), within(1e-9));
        assertThat(r.getPredictedPeriodMs()).isCloseTo(plan.periodMs(), within(1e-9));
        double expected = plan.latencyMs() + r.getFrameId() * plan.periodMs();
        assertThat(r.getEndToEndMs()).isCloseTo(expected, within(1e-6 * expected));
        assertThat(r.getQueueWaitMs() + r.getHeadMs() + r.getTransferMs())
                .isCloseTo(r.getEndToEndMs(), within(1e-9));
        assertThat(r.getHostMs()).isPositive();
    }
}
