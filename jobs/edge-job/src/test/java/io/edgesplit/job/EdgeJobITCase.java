package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
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

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    /**
     * The sources are shuffled over the whole 2.2 s of event time, so the out-of-orderness bound
     * covers that: order independence holds within the bound. With the default 200 ms the test
     * relied on every record arriving before the first periodic watermark, and on a loaded machine
     * one came early, turned telemetry late and changed decisions.
     */
    private static EdgeJobConfig config() {
        return Fixtures.config()
                .batchSize(4)
                .devicePolicy("cam-2", "edge-only")
                .outOfOrdernessMs(5_000)
                .build();
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

    private static FiniteRun run(long shuffleSeed) throws Exception {
        return FiniteRun.run(config(), telemetry(), frames(), shuffleSeed);
    }

    @Test
    void everyFrameHasExactlyOneOutcomeAndDecisionsAreReproducible() throws Exception {
        FiniteRun first = run(1);

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

        FiniteRun second = run(99);
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
