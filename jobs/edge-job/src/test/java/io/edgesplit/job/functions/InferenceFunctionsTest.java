package io.edgesplit.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.TailWork;
import io.edgesplit.job.events.WorkItem;
import io.edgesplit.job.inference.Tensors;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device emulator and the tail on real ONNX Runtime sessions of the tiny-chain model: the split
 * path must give the full model's answer.
 */
class InferenceFunctionsTest {

    private static final ModelProfile PROFILE = Fixtures.profile();
    private static final int MID = PROFILE.lastCut() / 2;
    private static int[] expectedTop1;

    private static final int FRAMES = 5;

    @BeforeAll
    static void fullModelAnswers() {
        expectedTop1 = new int[FRAMES];
        try (ModelRunner full =
                ModelRunner.open(ModelZoo.build(Fixtures.MODEL), RunnerOptions.defaults())) {
            for (int i = 0; i < FRAMES; i++) {
                FrameIn f = Fixtures.frame("cam", i, 1_000 + i);
                expectedTop1[i] =
                        Tensors.top1(full.run(Tensors.toData(f.tensors())).get(0))[0].index();
            }
        }
    }

    private static WorkItem work(int frame, int cut) {
        return new WorkItem(
                Fixtures.frame("cam", frame, 1_000 + frame),
                "cutedge",
                cut,
                PROFILE.lastCut(),
                1_300_500_000L,
                10e6,
                1.0,
                2.0,
                3.0,
                4.0,
                0.5);
    }

    private static OneInputStreamOperatorTestHarness<WorkItem, TailWork> emulator()
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new DeviceEmulatorFunction(Fixtures.config().build()));
    }

    private static List<ResultRecord> emulatorOutcomes(
            OneInputStreamOperatorTestHarness<WorkItem, TailWork> h) {
        List<ResultRecord> out = new ArrayList<>();
        var side = h.getSideOutput(DeviceEmulatorFunction.OUTCOMES);
        if (side != null) {
            for (StreamRecord<ResultRecord> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Test
    void emulatorRunsTheHeadAtTheDecidedCut() throws Exception {
        try (var h = emulator()) {
            h.processElement(work(0, 0), 0);
            h.processElement(work(0, MID), 0);
            List<TailWork> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).activation())
                    .as("cut 0 passes the raw frame")
                    .isEqualTo(work(0, 0).frame().tensors());
            List<TensorSpec> cutTensors = PROFILE.cut(MID).tensors();
            assertThat(out.get(1).activation()).hasSize(cutTensors.size());
            for (int i = 0; i < cutTensors.size(); i++) {
                assertThat(out.get(1).activation()[i].mismatch(cutTensors.get(i))).isNull();
            }
        }
    }

    @Test
    void deviceOnlyFramesEndInTheEmulatorWithTheFullModelsAnswer() throws Exception {
        try (var h = emulator()) {
            h.processElement(work(2, PROFILE.lastCut()), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(emulatorOutcomes(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.status()).isEqualTo(ResultStatus.OK);
                                assertThat(r.top1()).isEqualTo(expectedTop1[2]);
                                assertThat(r.executionProvider()).isEqualTo("device");
                                assertThat(r.endToEndMs()).isEqualTo(1.0 + 2.0 + 3.0);
                            });
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TailWork, ResultRecord> tail(
            EdgeJobConfig config) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TailInferenceFunction(config), TailWork::tailKey, Types.STRING);
    }

    private static List<TailWork> activations(int cut) throws Exception {
        try (var h = emulator()) {
            for (int i = 0; i < FRAMES; i++) {
                h.processElement(work(i, cut), 0);
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void tailBatchesBySizeAndGivesTheFullModelsAnswer() throws Exception {
        List<TailWork> in = activations(MID);
        try (var h = tail(Fixtures.config().batchSize(3).batchTimeoutMs(50).build())) {
            h.setProcessingTime(0);
            h.processElement(in.get(0), 0);
            h.processElement(in.get(1), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.processElement(in.get(2), 0);
            List<ResultRecord> out = h.extractOutputValues();
            assertThat(out)
                    .hasSize(3)
                    .allSatisfy(
                            r -> {
                                assertThat(r.status()).isEqualTo(ResultStatus.OK);
                                assertThat(r.batchSize()).isEqualTo(3);
                                assertThat(r.executionProvider()).isEqualTo("cpu");
                                assertThat(r.cut()).isEqualTo(MID);
                            });
            assertThat(out)
                    .extracting(ResultRecord::top1)
                    .containsExactly(expectedTop1[0], expectedTop1[1], expectedTop1[2]);
            assertThat(h.numProcessingTimeTimers()).as("the batch timer is deleted").isZero();
            assertThat(h.numKeyedStateEntries()).as("the buffer is cleared").isZero();
        }
    }

    @Test
    void tailRunsAPartialBatchAfterTheTimeout() throws Exception {
        List<TailWork> in = activations(MID);
        try (var h = tail(Fixtures.config().batchSize(8).batchTimeoutMs(50).build())) {
            h.setProcessingTime(100);
            h.processElement(in.get(3), 0);
            h.processElement(in.get(4), 0);
            h.setProcessingTime(149);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(150);
            assertThat(h.extractOutputValues())
                    .extracting(ResultRecord::batchSize)
                    .containsExactly(2, 2);
            assertThat(h.extractOutputValues())
                    .extracting(ResultRecord::top1)
                    .containsExactly(expectedTop1[3], expectedTop1[4]);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void bufferedFramesSurviveACheckpoint() throws Exception {
        List<TailWork> in = activations(MID);
        EdgeJobConfig config = Fixtures.config().batchSize(8).batchTimeoutMs(50).build();
        OperatorSubtaskState snapshot;
        try (var h = tail(config)) {
            h.setProcessingTime(0);
            h.processElement(in.get(0), 0);
            snapshot = h.snapshot(1, 1);
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new TailInferenceFunction(config)),
                        TailWork::tailKey,
                        Types.STRING)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(60);
            assertThat(h.extractOutputValues())
                    .extracting(ResultRecord::frameId)
                    .containsExactly(0L);
        }
    }

    @Test
    void aBrokenActivationFailsItsFramesWithAReason() throws Exception {
        TailWork good = activations(MID).get(0);
        var broken =
                new io.edgesplit.job.events.TensorPayload[] {
                    new io.edgesplit.job.events.TensorPayload(
                            good.activation()[0].name(),
                            good.activation()[0].elementType(),
                            good.activation()[0].shape(),
                            new byte[3])
                };
        try (var h = tail(Fixtures.config().batchSize(1).build())) {
            h.processElement(new TailWork(good.work(), broken, 0), 0);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
                                assertThat(r.reason())
                                        .startsWith("tail inference failed at cut " + MID + ": ");
                            });
        }
    }
}
