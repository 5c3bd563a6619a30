package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole topology on a Flink MiniCluster with finite inputs (no Kafka): every frame gets exactly
 * one outcome, bad input ends as dead letters or FAILED outcomes, nothing falls back to Kryo, and
 * decisions do not depend on the order in which the sources deliver.
 */
class EdgeJobITCase {

    private static final int DEVICES = 3;
    private static final int FRAMES_PER_DEVICE = 12;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private record Run(
            List<ResultRecord> results,
            List<DecisionRecord> decisions,
            List<DeadLetterRecord> deadLetters) {}

    private static EdgeJobConfig config() {
        return Fixtures.config().batchSize(4).devicePolicy("cam-2", "edge-only").build();
    }

    private static List<Decoded<Telemetry>> telemetry() {
        List<Decoded<Telemetry>> out = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            for (int t = 0; t <= FRAMES_PER_DEVICE + 10; t++) {
                out.add(
                        Decoded.ofValue(
                                Fixtures.telemetry(
                                        "cam-" + d, 1_000 + t * 100L, (1 + (t + d) % 5) * 4e6)));
            }
        }
        return out;
    }

    private static List<Decoded<FrameIn>> frames() {
        List<Decoded<FrameIn>> out = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            for (int i = 0; i < FRAMES_PER_DEVICE; i++) {
                out.add(Decoded.ofValue(Fixtures.frame("cam-" + d, i, 1_000 + i * 100L + d)));
            }
        }
        // a frame of a model the job does not serve, and one whose tensor does not fit the model
        FrameIn f = Fixtures.frame("cam-bad", 0, 1_500);
        out.add(Decoded.ofValue(new FrameIn("cam-bad", 0, 1_500, "resnet18", 0, f.tensors())));
        TensorPayload t = f.tensors()[0];
        long[] shape = t.shape();
        shape[1] = 1;
        out.add(
                Decoded.ofValue(
                        new FrameIn(
                                "cam-bad",
                                1,
                                1_600,
                                Fixtures.MODEL,
                                0,
                                new TensorPayload[] {
                                    new TensorPayload(
                                            t.name(),
                                            t.elementType(),
                                            shape,
                                            new byte[t.data().length / 3])
                                })));
        out.add(
                Decoded.ofDeadLetter(
                        new DeadLetterRecord(
                                "edgesplit.frames",
                                0,
                                42,
                                null,
                                "not Avro",
                                new byte[] {1, 2},
                                0)));
        return out;
    }

    private static Run run(long shuffleSeed) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        env.setParallelism(2);
        EdgeJobConfig config = config();

        List<Decoded<Telemetry>> telemetry = telemetry();
        List<Decoded<FrameIn>> frames = frames();
        Collections.shuffle(telemetry, new Random(shuffleSeed));
        Collections.shuffle(frames, new Random(shuffleSeed + 1));
        DataStream<Decoded<Telemetry>> t =
                env.fromData(telemetry, Decoded.typeInfo(TypeInformation.of(Telemetry.class)))
                        .assignTimestampsAndWatermarks(
                                EdgeJob.eventTimeWatermarks(config, Telemetry::eventTime));
        DataStream<Decoded<FrameIn>> f =
                env.fromData(frames, Decoded.typeInfo(TypeInformation.of(FrameIn.class)))
                        .assignTimestampsAndWatermarks(
                                EdgeJob.eventTimeWatermarks(config, FrameIn::captureTime));
        DataStream<Decoded<ProfileUpdate>> p =
                env.fromData(
                                List.of(
                                        Decoded.ofValue(
                                                new ProfileUpdate(
                                                        Fixtures.MODEL,
                                                        ModelProfileJson.toJson(
                                                                Fixtures.profile())))),
                                Decoded.typeInfo(TypeInformation.of(ProfileUpdate.class)))
                        .assignTimestampsAndWatermarks(EdgeJob.timelessWatermarks());

        EdgeJob.Outputs out = EdgeJob.build(new EdgeJob.Sources(t, f, p), config);
        try (CloseableIterator<ResultRecord> results = out.results().collectAsync();
                CloseableIterator<DecisionRecord> decisions = out.decisions().collectAsync();
                CloseableIterator<DeadLetterRecord> dead = out.deadLetters().collectAsync()) {
            env.execute("edge job test");
            List<ResultRecord> r = new ArrayList<>();
            results.forEachRemaining(r::add);
            List<DecisionRecord> d = new ArrayList<>();
            decisions.forEachRemaining(d::add);
            List<DeadLetterRecord> x = new ArrayList<>();
            dead.forEachRemaining(x::add);
            return new Run(r, d, x);
        }
    }

    @Test
    void everyFrameHasExactlyOneOutcomeAndDecisionsAreReproducible() throws Exception {
        Run first = run(1);

        Set<String> ids = new HashSet<>();
        for (ResultRecord r : first.results()) {
            assertThat(ids.add(r.deviceId() + "/" + r.frameId()))
                    .as("one outcome for %s/%d", r.deviceId(), r.frameId())
                    .isTrue();
        }
        assertThat(first.results()).hasSize(DEVICES * FRAMES_PER_DEVICE + 2);
        List<ResultRecord> bad =
                first.results().stream().filter(r -> r.deviceId().equals("cam-bad")).toList();
        assertThat(bad)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.FAILED));
        assertThat(bad)
                .extracting(ResultRecord::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("unknown model 'resnet18'"))
                .anySatisfy(
                        reason ->
                                assertThat(reason)
                                        .startsWith("tensor 'input' has shape [1, 1, 32, 32]"));
        assertThat(first.results().stream().filter(r -> r.status() == ResultStatus.OK))
                .allSatisfy(
                        r -> {
                            assertThat(r.top1()).isNotNull();
                            assertThat(r.endToEndMs())
                                    .isGreaterThanOrEqualTo(r.headMs() + r.transferMs());
                        });
        assertThat(
                        first.results().stream()
                                .filter(
                                        r ->
                                                r.deviceId().equals("cam-2")
                                                        && r.status() == ResultStatus.OK))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.cut()).as("edge-only").isZero());
        assertThat(first.decisions()).hasSize(DEVICES * FRAMES_PER_DEVICE);
        assertThat(first.deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("not Avro"));

        Run second = run(99);
        assertThat(sorted(second.decisions())).isEqualTo(sorted(first.decisions()));
        assertThat(
                        second.results().stream()
                                .map(ResultRecord::top1)
                                .filter(java.util.Objects::nonNull)
                                .count())
                .isEqualTo(
                        first.results().stream()
                                .map(ResultRecord::top1)
                                .filter(java.util.Objects::nonNull)
                                .count());
    }

    private static List<String> sorted(List<DecisionRecord> decisions) {
        return decisions.stream()
                .map(DecisionRecord::toString)
                .sorted()
                .collect(Collectors.toList());
    }
}
