package io.edgesplit.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.cost.WirePrecision;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.sim.MacDerivedProfiles;
import org.junit.jupiter.api.Test;

class DeviceControllerTest {

    private static final String CAM = "cam";
    private static final String TX2 = "jetson-tx2";
    private static final double UPLINK_BPS = 20e6;
    private static final ModelProfile MODEL = MacDerivedProfiles.resnet18();

    private static DeviceController controller(String policy) {
        return new DeviceController(
                ControllerConfig.builder().allowIdle(false).build(),
                DeviceProfiles::builtin,
                EdgeServerProfiles.defaultProfile(),
                WirePrecision.FP32,
                id -> policy);
    }

    private static DeviceState fresh() {
        return DeviceState.initial(TX2, UPLINK_BPS);
    }

    private static FrameArrival frame(long id, long time) {
        return FrameArrival.of(CAM, id, time, MODEL);
    }

    @Test
    void theFirstFrameIsDecidedOnAConfiguredSlotAndLaterOnesOnTheirGap() {
        DeviceController c = controller(Policies.CUTEDGE);
        DeviceStep first = c.step(fresh(), frame(0, 1_000));
        DeviceStep second = c.step(first.next(), frame(1, 1_250));

        assertThat(first.kind()).isEqualTo(DeviceStep.Kind.ADMITTED);
        assertThat(first.slotSeconds()).isEqualTo(0.1);
        assertThat(second.slotSeconds()).isEqualTo(0.25);
        assertThat(second.next().lastDecidedTime()).isEqualTo(1_250);
        assertThat(second.next().queues()).isEqualTo(second.decision().after());
    }

    @Test
    void aFailedFrameDoesNotEndTheSlotOfTheNextDecision() {
        DeviceController c = controller(Policies.CUTEDGE);
        DeviceState s = c.step(fresh(), frame(0, 1_000)).next();
        DeviceStep failed = c.step(s, FrameArrival.rejected(CAM, 1, 1_100, "bad tensor shape"));
        DeviceStep next = c.step(failed.next(), frame(2, 1_200));

        assertThat(failed.kind()).isEqualTo(DeviceStep.Kind.FAILED);
        assertThat(failed.reason()).isEqualTo("bad tensor shape");
        assertThat(failed.decided()).isFalse();
        assertThat(failed.next().queues()).isEqualTo(s.queues());
        assertThat(failed.next().seen(1, 1_100)).isTrue();
        assertThat(next.slotSeconds())
                .as("the slot runs from the last decided frame at 1000 ms, not the failed one")
                .isEqualTo(0.2);
    }

    @Test
    void aRedeliveredFrameIsADuplicateAndChangesNothing() {
        DeviceController c = controller(Policies.EDGE_ONLY);
        DeviceState s = c.step(fresh(), frame(0, 1_000)).next();
        DeviceStep again = c.step(s, frame(0, 1_000));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.next()).isSameAs(s);
        assertThat(again.decision()).isNull();
    }

    @Test
    void olderTelemetryNeverOverridesNewer() {
        DeviceController c = controller(Policies.EDGE_ONLY);
        DeviceState s = c.step(fresh(), new TelemetrySample(CAM, 2_000, TX2, 5e6)).next();
        DeviceStep stale = c.step(s, new TelemetrySample(CAM, 1_000, TX2, 9e6));

        assertThat(stale.kind()).isEqualTo(DeviceStep.Kind.STALE_TELEMETRY);
        assertThat(stale.next().capacityBps()).isEqualTo(5e6);
        DeviceStep decided = c.step(stale.next(), frame(0, 2_000));
        assertThat(decided.decision().uplinkBps())
                .as("edge-only sends at the telemetry's capacity")
                .isEqualTo(5e6);
    }

    @Test
    void anUnknownDeviceTypeFailsTheFrame() {
        DeviceController c = controller(Policies.CUTEDGE);
        DeviceState s = c.step(fresh(), new TelemetrySample(CAM, 1, "toaster", 1e6)).next();
        DeviceStep step = c.step(s, frame(0, 5));
        assertThat(step.kind()).isEqualTo(DeviceStep.Kind.FAILED);
        assertThat(step.reason()).contains("toaster");
    }

    @Test
    void duplicateWindowRemembersRecentFramesAndTreatsVeryOldOnesAsSeen() {
        DeviceState s = fresh();
        assertThat(s.seen(0, 1)).isFalse();
        s = s.withDecidedFrame(3, 10, s.queues());
        s = s.withDecidedFrame(5, 11, s.queues());
        // a retry carries the original capture time
        assertThat(s.seen(5, 11)).isTrue();
        assertThat(s.seen(3, 10)).isTrue();
        assertThat(s.seen(4, 10)).as("a gap is not a duplicate").isFalse();
        assertThat(s.seen(6, 12)).isFalse();
        s = s.withDecidedFrame(5 + DeviceState.DUPLICATE_WINDOW + 1, 12, s.queues());
        assertThat(s.seen(4, 10)).as("beyond the window").isTrue();
        assertThat(s.lastFrameTime()).isEqualTo(12);
    }

    @Test
    void frameIdsThatStartAgainAfterTheNewestFrameAreANewSequenceNotDuplicates() {
        DeviceState s = fresh();
        for (long id = 0; id < 100; id++) {
            s = s.withDecidedFrame(id, 1_000 + id, s.queues());
        }
        // a second trace (or a restarted device) numbers its frames from 0 again, captured later
        assertThat(s.seen(0, 5_000)).isFalse();
        s = s.withDecidedFrame(0, 5_000, s.queues());
        assertThat(s.lastFrameId()).isZero();
        assertThat(s.seen(0, 5_000)).as("its retry").isTrue();
        assertThat(s.seen(1, 5_001)).isFalse();
    }
}
