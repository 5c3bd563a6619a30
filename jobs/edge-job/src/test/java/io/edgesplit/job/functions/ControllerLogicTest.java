package io.edgesplit.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.JobMode;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.TensorPayload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerLogicTest {

    private static ControllerLogic logic(EdgeJobConfig config) {
        return new ControllerLogic(
                config,
                config.controller(),
                DeviceProfiles::builtin,
                EdgeServerProfiles.defaultProfile());
    }

    private static DeviceState fresh() {
        return DeviceState.initial(Fixtures.DEVICE_TYPE, Fixtures.UPLINK_BPS);
    }

    private final ModelProfile profile = Fixtures.profile();

    @Test
    void admitsAFrameAndUpdatesTheQueues() {
        ControllerLogic.Step step =
                logic(Fixtures.config().build())
                        .decide(fresh(), Fixtures.frame("cam", 0, 1_000), profile, () -> "");

        assertThat(step.outcome()).isNull();
        assertThat(step.work()).isNotNull();
        assertThat(step.work().cut()).isBetween(0, profile.lastCut());
        assertThat(step.work().lastCut()).isEqualTo(profile.lastCut());
        assertThat(step.work().policy()).isEqualTo("cutedge");
        assertThat(step.decision().cut()).isEqualTo(step.work().cut());
        assertThat(step.decision().admitted()).isEqualTo(1);
        assertThat(step.next().lastFrameId()).isZero();
        assertThat(step.next().queues().computeBacklogS())
                .isEqualTo(step.decision().computeBacklogS());
        assertThat(step.next().queues().uplinkBacklogBits())
                .isEqualTo(step.decision().uplinkBacklogBits());
        assertThat(Double.isFinite(step.work().transferMs())).isTrue();
        assertThat(Double.isFinite(step.work().queueWaitMs())).isTrue();
    }

    @Test
    void sameInputsGiveTheSameDecisions() {
        EdgeJobConfig config = Fixtures.config().build();
        ControllerLogic a = logic(config);
        ControllerLogic b = logic(config);
        DeviceState sa = fresh();
        DeviceState sb = fresh();
        for (int i = 0; i < 50; i++) {
            FrameIn f = Fixtures.frame("cam", i, 1_000 + i * 100L);
            ControllerLogic.Step x = a.decide(sa, f, profile, () -> "");
            ControllerLogic.Step y = b.decide(sb, f, profile, () -> "");
            assertThat(x.decision()).isEqualTo(y.decision());
            sa = x.next();
            sb = y.next();
        }
        assertThat(sa).isEqualTo(sb);
    }

    @Test
    void unknownModelFailsWithTheKnownModels() {
        ControllerLogic.Step step =
                logic(Fixtures.config().build())
                        .decide(fresh(), Fixtures.frame("cam", 0, 1_000), null, () -> "tiny-chain");

        assertThat(step.work()).isNull();
        assertThat(step.outcome().status()).isEqualTo(ResultStatus.FAILED);
        assertThat(step.outcome().reason())
                .isEqualTo("unknown model 'tiny-chain': this job serves tiny-chain");
        assertThat(step.next().seen(0, 1_000)).isTrue();
    }

    @Test
    void wrongShapeTypeAndSizeFailWithReasons() {
        ControllerLogic l = logic(Fixtures.config().build());
        long[] shape = profile.input().shape();
        long[] half = shape.clone();
        half[3] /= 2;
        FrameIn wrongShape =
                withTensor(
                        new TensorPayload(
                                "input",
                                ElementType.FLOAT,
                                half,
                                new byte[(int) (profile.input().bytes() / 2)]));
        FrameIn wrongType =
                withTensor(
                        new TensorPayload(
                                "input",
                                ElementType.INT32,
                                shape,
                                new byte[(int) profile.input().bytes()]));
        FrameIn wrongSize =
                withTensor(new TensorPayload("input", ElementType.FLOAT, shape, new byte[10]));

        assertThat(l.decide(fresh(), wrongShape, profile, () -> "").outcome().reason())
                .startsWith("tensor 'input' has shape [1, 3, 32, 16], expected [1, 3, 32, 32]");
        assertThat(l.decide(fresh(), wrongType, profile, () -> "").outcome().reason())
                .startsWith("tensor 'input' has element type INT32, expected FLOAT");
        assertThat(l.decide(fresh(), wrongSize, profile, () -> "").outcome().reason())
                .startsWith(
                        "tensor 'input' carries 10 bytes, its shape needs "
                                + profile.input().bytes());
    }

    @Test
    void oversizedFramesAndWrongModeFail() {
        ControllerLogic small = logic(Fixtures.config().maxFrameBytes(100).build());
        assertThat(
                        small.decide(fresh(), Fixtures.frame("cam", 0, 1), profile, () -> "")
                                .outcome()
                                .reason())
                .startsWith(
                        "oversized frame: "
                                + profile.input().bytes()
                                + " bytes of tensors, the limit is 100");

        FrameIn activation =
                new FrameIn(
                        "cam",
                        0,
                        1,
                        Fixtures.MODEL,
                        2,
                        new TensorPayload[] {Fixtures.tensor(profile.cut(2).tensors().get(0), 1)});
        ControllerLogic replay = logic(Fixtures.config().build());
        assertThat(replay.decide(fresh(), activation, profile, () -> "").outcome().reason())
                .startsWith("replay mode expects raw frames (cut 0), got cut 2");

        ControllerLogic live = logic(Fixtures.config().mode(JobMode.LIVE).build());
        ControllerLogic.Step ok = live.decide(fresh(), activation, profile, () -> "");
        assertThat(ok.work()).isNotNull();
        assertThat(ok.work().cut()).as("live frames are processed at their own cut").isEqualTo(2);

        FrameIn beyond =
                new FrameIn("cam", 1, 2, Fixtures.MODEL, profile.lastCut(), activation.tensors());
        assertThat(live.decide(fresh(), beyond, profile, () -> "").outcome().reason())
                .startsWith("cut " + profile.lastCut() + " is not valid");
    }

    @Test
    void aChangedProfileOfTheSameModelIsCostedAfresh() {
        ControllerLogic l = logic(Fixtures.config().defaultPolicy("edge-only").build());
        CutProfile raw = profile.cut(0);
        List<CutProfile> cuts = new ArrayList<>(profile.cuts());
        cuts.set(
                0,
                new CutProfile(
                        0,
                        raw.label(),
                        raw.tensors(),
                        raw.bytesFp32() * 2,
                        raw.bytesFp16() * 2,
                        raw.headMacs(),
                        raw.tailMacs(),
                        raw.headMs(),
                        raw.tailMs(),
                        raw.deviceHeadMs()));
        ModelProfile doubleInput =
                new ModelProfile(
                        profile.modelId(),
                        profile.input(),
                        profile.output(),
                        profile.totalMacs(),
                        profile.measuredOn(),
                        cuts);
        FrameIn f = Fixtures.frame("cam", 0, 1_000);

        DecisionRecord before = l.decide(fresh(), f, profile, () -> "").decision();
        DecisionRecord changed = l.decide(fresh(), f, doubleInput, () -> "").decision();
        DecisionRecord back = l.decide(fresh(), f, profile, () -> "").decision();

        assertThat(changed.predictedTransferMs())
                .as("the raw input costs twice the bytes to send")
                .isGreaterThan(before.predictedTransferMs());
        assertThat(back).isEqualTo(before);
    }

    @Test
    void unknownDeviceTypeFailsTheFrameInsteadOfTheJob() {
        DeviceState state = fresh().withTelemetry("toaster", 1e6, 1);
        ControllerLogic.Step step =
                logic(Fixtures.config().build())
                        .decide(state, Fixtures.frame("cam", 0, 5), profile, () -> "");
        assertThat(step.outcome().reason()).contains("unknown device profile 'toaster'");
    }

    @Test
    void olderTelemetryNeverOverridesNewer() {
        ControllerLogic l = logic(Fixtures.config().build());
        DeviceState s = l.apply(fresh(), Fixtures.telemetry("cam", 2_000, 5e6));
        s = l.apply(s, Fixtures.telemetry("cam", 1_000, 9e6));
        assertThat(s.capacityBps()).isEqualTo(5e6);
        assertThat(s.telemetryTime()).isEqualTo(2_000);
    }

    @Test
    void aFailedFrameLeavesTheNextDecisionsSlotLengthAlone() {
        long[] half = profile.input().shape().clone();
        half[3] /= 2;
        FrameIn badShape =
                new FrameIn(
                        "cam",
                        1,
                        1_100,
                        Fixtures.MODEL,
                        0,
                        new TensorPayload[] {
                            new TensorPayload(
                                    "input",
                                    ElementType.FLOAT,
                                    half,
                                    new byte[(int) (profile.input().bytes() / 2)])
                        });
        FrameIn first = Fixtures.frame("cam", 0, 1_000);
        FrameIn third = Fixtures.frame("cam", 2, 1_200);

        ControllerLogic withFailure = logic(Fixtures.config().build());
        DeviceState s = withFailure.decide(fresh(), first, profile, () -> "").next();
        ControllerLogic.Step failed = withFailure.decide(s, badShape, profile, () -> "");
        assertThat(failed.outcome().status()).isEqualTo(ResultStatus.FAILED);
        DecisionRecord after =
                withFailure.decide(failed.next(), third, profile, () -> "").decision();

        ControllerLogic without = logic(Fixtures.config().build());
        DeviceState t = without.decide(fresh(), first, profile, () -> "").next();
        DecisionRecord expected = without.decide(t, third, profile, () -> "").decision();

        assertThat(after)
                .as("the failed frame at 1100 ms does not end the slot that started at 1000 ms")
                .isEqualTo(expected);
        assertThat(failed.next().seen(1, 1_100)).as("a failed frame still counts as seen").isTrue();
    }

    @Test
    void aDuplicateIsReportedAndChangesNothing() {
        ControllerLogic l = logic(Fixtures.config().build());
        FrameIn f = Fixtures.frame("cam", 0, 1_000);
        DeviceState s = l.decide(fresh(), f, profile, () -> "").next();
        ControllerLogic.Step again = l.decide(s, f, profile, () -> "");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.next()).isEqualTo(s);
        assertThat(again.decision()).isNull();
        assertThat(again.outcome()).isNull();
    }

    private FrameIn withTensor(TensorPayload t) {
        return new FrameIn("cam", 0, 1, Fixtures.MODEL, 0, new TensorPayload[] {t});
    }
}
