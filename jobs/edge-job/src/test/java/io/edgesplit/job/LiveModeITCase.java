package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.JobMode;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.split.SplitModelCache;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live mode on a MiniCluster: the devices ran the head themselves (here: the real head sub-model of
 * tiny-chain on ONNX Runtime) and send the activation at their cut; the job runs only the tail, and
 * the answer is the full model's. Activations that do not fit the model's cut end as FAILED
 * outcomes naming the mismatch, and the job goes on.
 */
class LiveModeITCase {

    private static final int DEVICES = 2;
    private static final int FRAMES_PER_DEVICE = 10;

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    private static SplitModelCache split;
    private static ModelRunner full;

    @BeforeAll
    static void models() {
        split = SplitModelCache.of(ModelZoo.build(Fixtures.MODEL));
        full = ModelRunner.open(split.model(), RunnerOptions.defaults());
    }

    @AfterAll
    static void close() {
        full.close();
    }

    private record Sent(FrameIn frame, Integer expectedTop1, String expectedFailure) {}

    /** What a device sends at {@code cut}: the head's output on its camera image. */
    private static TensorPayload[] activation(TensorPayload image, int cut) {
        try (ModelRunner head = split.openHead(cut, RunnerOptions.defaults())) {
            List<TensorData> out =
                    head.run(
                            TensorData.of(
                                    image.name(),
                                    image.elementType(),
                                    image.shape(),
                                    image.data()));
            TensorPayload[] tensors = new TensorPayload[out.size()];
            for (int i = 0; i < tensors.length; i++) {
                TensorData t = out.get(i);
                tensors[i] = new TensorPayload(t.name(), t.type(), t.shape(), t.toByteArray());
            }
            return tensors;
        }
    }

    private static int top1(TensorPayload image) {
        FloatBuffer scores =
                full.run(
                                TensorData.of(
                                        image.name(),
                                        image.elementType(),
                                        image.shape(),
                                        image.data()))
                        .get(0)
                        .floats();
        int best = 0;
        for (int i = 1; i < scores.limit(); i++) {
            if (scores.get(i) > scores.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private static List<Sent> sent() {
        int lastCut = split.lastCut();
        assertThat(lastCut).as("tiny-chain has inner cuts").isGreaterThan(2);
        List<Sent> out = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String device = "cam-" + d;
            for (int i = 0; i < FRAMES_PER_DEVICE; i++) {
                TensorPayload image = Fixtures.frame(device, i, 0).tensors()[0];
                // every cut a device can send, raw input (cut 0) included
                int cut = (i + d) % lastCut;
                FrameIn f =
                        new FrameIn(
                                device,
                                i,
                                1_000 + i * 100L + d,
                                Fixtures.MODEL,
                                cut,
                                cut == 0 ? new TensorPayload[] {image} : activation(image, cut));
                out.add(new Sent(f, top1(image), null));
            }
        }
        // activations that do not fit the cut they claim
        TensorPayload image = Fixtures.frame("cam-bad", 0, 0).tensors()[0];
        TensorPayload at1 = activation(image, 1)[0];
        long[] shape = at1.shape().clone();
        shape[1] += 1;
        out.add(
                failing(
                        0,
                        1,
                        new TensorPayload(at1.name(), at1.elementType(), shape, at1.data()),
                        "tensor '" + at1.name() + "' has shape "));
        out.add(
                failing(
                        1,
                        1,
                        new TensorPayload(
                                at1.name(),
                                ElementType.FLOAT16,
                                at1.shape(),
                                new byte[at1.data().length / 2]),
                        "tensor '" + at1.name() + "' has element type FLOAT16, expected FLOAT"));
        out.add(
                failing(
                        2,
                        2,
                        at1,
                        "the frame has none named '"
                                + split.cutTensors(2).get(0).name()
                                + "'")); // cut 1's activation (same shape) sent as cut 2's
        out.add(failing(3, lastCut, at1, "cut " + lastCut + " is not valid"));
        return out;
    }

    private static Sent failing(long id, int cut, TensorPayload t, String reason) {
        return new Sent(
                new FrameIn(
                        "cam-bad",
                        id,
                        1_200 + id * 100,
                        Fixtures.MODEL,
                        cut,
                        new TensorPayload[] {t}),
                null,
                reason);
    }

    private static List<Decoded<Telemetry>> telemetry() {
        List<Decoded<Telemetry>> out = new ArrayList<>();
        for (String device : List.of("cam-0", "cam-1", "cam-bad")) {
            for (int t = 0; t <= FRAMES_PER_DEVICE + 5; t++) {
                out.add(Decoded.ofValue(Fixtures.telemetry(device, 1_000 + t * 100L, 20e6)));
            }
        }
        return out;
    }

    @Test
    void theTailFinishesWhatTheDeviceStartedAndMisfitsFail() throws Exception {
        List<Sent> sent = sent();
        EdgeJobConfig config =
                Fixtures.config()
                        .mode(JobMode.LIVE)
                        .defaultPolicy("device-only")
                        .batchSize(4)
                        .build();
        FiniteRun run =
                FiniteRun.run(
                        config,
                        telemetry(),
                        sent.stream().map(s -> Decoded.ofValue(s.frame())).toList(),
                        7);

        Map<String, ResultRecord> byId = new HashMap<>();
        for (ResultRecord r : run.results()) {
            assertThat(byId.put(r.deviceId() + "/" + r.frameId(), r))
                    .as("one outcome for %s/%d", r.deviceId(), r.frameId())
                    .isNull();
        }
        Map<String, Sent> expected =
                sent.stream()
                        .collect(
                                Collectors.toMap(
                                        s -> s.frame().deviceId() + "/" + s.frame().frameId(),
                                        Function.identity()));
        assertThat(byId.keySet()).isEqualTo(expected.keySet());
        Map<Integer, Integer> okPerCut = new HashMap<>();
        for (Map.Entry<String, Sent> e : expected.entrySet()) {
            ResultRecord r = byId.get(e.getKey());
            Sent s = e.getValue();
            if (s.expectedFailure() == null) {
                assertThat(r.status())
                        .as("%s: %s", e.getKey(), r.reason())
                        .isEqualTo(ResultStatus.OK);
                assertThat(r.cut()).as("processed at the device's cut").isEqualTo(s.frame().cut());
                assertThat(r.top1())
                        .as("%s: the full model's answer", e.getKey())
                        .isEqualTo(s.expectedTop1());
                okPerCut.merge(r.cut(), 1, Integer::sum);
            } else {
                assertThat(r.status()).as(e.getKey()).isEqualTo(ResultStatus.FAILED);
                assertThat(r.reason()).contains(s.expectedFailure());
            }
        }
        assertThat(okPerCut.keySet())
                .as("activations from several cuts were finished")
                .hasSizeGreaterThan(2);
        assertThat(run.deadLetters()).isEmpty();
    }
}
