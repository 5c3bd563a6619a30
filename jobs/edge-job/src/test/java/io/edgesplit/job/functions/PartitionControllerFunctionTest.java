package io.edgesplit.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.Fixtures;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.WorkItem;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class PartitionControllerFunctionTest {

    private static final String CAM = "cam-1";
    private static final long IDLE_MS = 60_000;

    private static KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ProfileUpdate, WorkItem>
            harness(EdgeJobConfig config) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ProfileUpdate, WorkItem> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new PartitionControllerFunction(config),
                        DeviceEvent::deviceId,
                        Types.STRING,
                        PartitionControllerFunction.PROFILES);
        // profiles carry no event time: the job's profiles stream declares itself idle
        h.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
        return h;
    }

    /**
     * A harness restored from a snapshot (the factory above opens its harness at once). The
     * function goes through Java serialization first, as Flink ships it to a TaskManager: its
     * transient fields then start at Java's defaults, not at their initializers.
     */
    private static KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ProfileUpdate, WorkItem>
            restored(EdgeJobConfig config, OperatorSubtaskState snapshot) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ProfileUpdate, WorkItem> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                InstantiationUtil.clone(new PartitionControllerFunction(config)),
                                List.of(PartitionControllerFunction.PROFILES)),
                        DeviceEvent::deviceId,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        h.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
        return h;
    }

    private static EdgeJobConfig config() {
        return Fixtures.config().idleTimeoutMs(IDLE_MS).build();
    }

    private static List<DecisionRecord> decisions(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        List<DecisionRecord> out = new ArrayList<>();
        if (h.getSideOutput(PartitionControllerFunction.DECISIONS) != null) {
            for (StreamRecord<DecisionRecord> r :
                    h.getSideOutput(PartitionControllerFunction.DECISIONS)) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private static List<ResultRecord> outcomes(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        List<ResultRecord> out = new ArrayList<>();
        if (h.getSideOutput(PartitionControllerFunction.OUTCOMES) != null) {
            for (StreamRecord<ResultRecord> r :
                    h.getSideOutput(PartitionControllerFunction.OUTCOMES)) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Test
    void framesWaitForTheWatermarkThenAreDecidedInEventTimeOrder() throws Exception {
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 1, 2_000)), 2_000);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            h.processWatermark(1_500);
            assertThat(h.extractOutputValues())
                    .extracting(w -> w.frame().frameId())
                    .containsExactly(0L);

            h.processWatermark(2_000);
            assertThat(h.extractOutputValues())
                    .extracting(w -> w.frame().frameId())
                    .containsExactly(0L, 1L);
            assertThat(decisions(h)).extracting(DecisionRecord::frameId).containsExactly(0L, 1L);
        }
    }

    @Test
    void telemetryAtTheFramesTimeAppliesFirstWhateverTheArrivalOrder() throws Exception {
        EdgeJobConfig cfg = Fixtures.config().devicePolicy(CAM, "edge-only").build();
        try (var h = harness(cfg)) {
            // the frame arrives before the telemetry that has the same event time
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processElement(Fixtures.event(Fixtures.telemetry(CAM, 1_000, 3e6)), 1_000);
            h.processWatermark(1_000);

            assertThat(decisions(h))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.policy()).isEqualTo("edge-only");
                                assertThat(d.uplinkBps())
                                        .as("edge-only sends at the telemetry's capacity")
                                        .isEqualTo(3e6);
                            });
        }
    }

    @Test
    void decisionsDoNotDependOnTheArrivalInterleaving() throws Exception {
        List<DeviceEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long ts = 1_000 + i * 100L;
            events.add(Fixtures.event(Fixtures.telemetry(CAM, ts, (i % 7 + 1) * 1e6)));
            events.add(Fixtures.event(Fixtures.frame(CAM, i, ts)));
        }
        List<DeviceEvent> shuffled = new ArrayList<>(events);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));

        List<DecisionRecord> inOrder = run(events);
        List<DecisionRecord> reordered = run(shuffled);

        assertThat(inOrder).hasSize(40);
        assertThat(reordered).isEqualTo(inOrder);
    }

    private static List<DecisionRecord> run(List<DeviceEvent> events) throws Exception {
        try (var h = harness(config())) {
            for (DeviceEvent e : events) {
                h.processElement(e, e.eventTime());
            }
            h.processWatermark(Long.MAX_VALUE - 1);
            return decisions(h);
        }
    }

    @Test
    void lateEventsAreDecidedAtOnce() throws Exception {
        try (var h = harness(config())) {
            h.processWatermark(5_000);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 4_000)), 4_000);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void aRedeliveredFrameIsDecidedOnce() throws Exception {
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processWatermark(2_000);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(decisions(h)).hasSize(1);
        }
    }

    @Test
    void unknownModelFailsUntilItsProfileIsBroadcast() throws Exception {
        ModelProfile p = Fixtures.profile();
        ModelProfile other =
                new ModelProfile(
                        "other", p.input(), p.output(), p.totalMacs(), p.measuredOn(), p.cuts());
        try (var h = harness(config())) {
            var f0 = Fixtures.frame(CAM, 0, 1_000);
            h.processElement(
                    Fixtures.event(
                            new io.edgesplit.job.events.FrameIn(
                                    CAM, 0, 1_000, "other", 0, f0.tensors())),
                    1_000);
            h.processWatermark(1_000);
            assertThat(outcomes(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
                                assertThat(r.reason())
                                        .isEqualTo(
                                                "unknown model 'other': this job serves tiny-chain");
                            });

            h.processBroadcastElement(
                    new ProfileUpdate("other", ModelProfileJson.toJson(other)), 1_500);
            h.processElement(
                    Fixtures.event(
                            new io.edgesplit.job.events.FrameIn(
                                    CAM, 1, 2_000, "other", 0, f0.tensors())),
                    2_000);
            h.processWatermark(2_000);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(w -> assertThat(w.frame().modelId()).isEqualTo("other"));
        }
    }

    @Test
    void aSilentDeviceLosesItsStateAndTimers() throws Exception {
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processWatermark(1_000);
            assertThat(h.numEventTimeTimers()).as("the idle timer").isEqualTo(1);

            h.processWatermark(1_000 + IDLE_MS);
            assertThat(h.numEventTimeTimers()).isZero();

            // with its state gone, frame 0 is no longer remembered: it is decided again
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 70_000)), 70_000);
            h.processWatermark(70_000);
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void aPauseInTheTrafficKeepsTheDevicesState() throws Exception {
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processWatermark(1_000);
            // the telemetry and frame sources go idle: with the profiles stream idle too, the
            // watermark must stay where it is, not jump ahead and expire every device
            h.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
            assertThat(h.numEventTimeTimers()).as("the idle timer is still armed").isEqualTo(1);
            h.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.ACTIVE);
            // a retry of frame 0 (same capture time) after the pause
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 2_000);
            h.processWatermark(2_000);
            assertThat(h.extractOutputValues()).as("frame 0 is still remembered").hasSize(1);
        }
    }

    @Test
    void theIdleTimerMovesWhileTheDeviceIsActive() throws Exception {
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processWatermark(1_000);
            h.processElement(Fixtures.event(Fixtures.telemetry(CAM, 50_000, 5e6)), 50_000);
            h.processWatermark(1_000 + IDLE_MS);
            assertThat(h.numEventTimeTimers()).as("re-armed for the newer event").isEqualTo(1);
            // a retry of frame 0 (its original capture time) arrives late
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 61_500);
            h.processWatermark(61_500);
            assertThat(h.extractOutputValues()).as("frame 0 is still remembered").hasSize(1);
        }
    }

    @Test
    void aSecondTraceWithTheSameFrameIdsAfterASilenceGetsAnOutcomePerFrame() throws Exception {
        try (var h = harness(config())) {
            for (long id = 0; id < 100; id++) {
                h.processElement(Fixtures.event(Fixtures.frame(CAM, id, 1_000 + id)), 1_000 + id);
            }
            h.processWatermark(1_099);
            // the second trace is read while the first one's idle deadline is still ahead: its
            // events are pending when the watermark jumps past that deadline
            long start = 1_099 + 3 * IDLE_MS;
            for (long id = 0; id < 100; id++) {
                h.processElement(Fixtures.event(Fixtures.frame(CAM, id, start + id)), start + id);
            }
            h.processWatermark(start + 99);
            assertThat(h.extractOutputValues()).hasSize(200);
        }
    }

    /** Frames 0..2 of which only 0 is decided: 1 and 2 wait for the watermark in the snapshot. */
    private static OperatorSubtaskState snapshotWithPendingFrames() throws Exception {
        try (var h = harness(config())) {
            h.setProcessingTime(0);
            h.processElement(Fixtures.event(Fixtures.telemetry(CAM, 1_000, 2e6)), 1_000);
            for (long id = 0; id < 3; id++) {
                h.processElement(Fixtures.event(Fixtures.frame(CAM, id, 1_000 + id * 100)), 0);
            }
            h.processWatermark(1_050);
            assertThat(decisions(h)).extracting(DecisionRecord::frameId).containsExactly(0L);
            return h.snapshot(1L, 1L);
        }
    }

    @Test
    void eventsRestoredIntoAQuietJobAreReleasedWithoutAWatermark() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithPendingFrames();
        long grace = 4 * config().sourceIdlenessMs();
        try (var restored = restored(config(), snapshot)) {
            // the restarted job's sources deliver nothing, so no watermark ever comes
            restored.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
            restored.setProcessingTime(60_000);
            assertThat(restored.extractOutputValues())
                    .as("the first check only starts the grace period")
                    .isEmpty();
            restored.setProcessingTime(60_000 + grace - 1);
            assertThat(restored.extractOutputValues()).isEmpty();
            restored.setProcessingTime(60_000 + grace);
            assertThat(decisions(restored))
                    .as("released in event-time order, as a pause would have")
                    .extracting(DecisionRecord::frameId)
                    .containsExactly(1L, 2L);

            restored.processWatermark(5_000);
            assertThat(decisions(restored))
                    .as("a watermark later finds nothing left to apply")
                    .hasSize(2);
        }
    }

    @Test
    void aRestoredJobWhoseSourcesEmitWatermarksIsNotReleasedEarly() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithPendingFrames();
        try (var restored = restored(config(), snapshot)) {
            restored.processWatermark(1_150); // the sources deliver again: frame 1 is passed
            restored.setProcessingTime(10 * 60_000);
            assertThat(decisions(restored))
                    .as("frame 2 still waits for the watermark, not for the clock")
                    .extracting(DecisionRecord::frameId)
                    .containsExactly(1L);
            restored.processWatermark(1_200);
            assertThat(decisions(restored))
                    .extracting(DecisionRecord::frameId)
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void aRestoredJobThatReadsRecordsWaitsForTheWatermarkHoweverLong() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithPendingFrames();
        try (var restored = restored(config(), snapshot)) {
            restored.setProcessingTime(60_000);
            // records flow, but a partition without records still holds the watermark back
            restored.processElement(Fixtures.event(Fixtures.telemetry(CAM, 1_150, 9e6)), 0);
            restored.setProcessingTime(10 * 60_000);
            assertThat(decisions(restored))
                    .as("released by the clock, frame 2 would miss the telemetry before it")
                    .isEmpty();
            restored.processWatermark(1_200);
            assertThat(decisions(restored))
                    .extracting(DecisionRecord::frameId)
                    .containsExactly(1L, 2L);
            assertThat(decisions(restored).get(1).uplinkBps()).isEqualTo(9e6);
        }
    }

    @Test
    void aJobThatWasNotRestoredLeavesPausesToItsSources() throws Exception {
        try (var h = harness(config())) {
            h.setProcessingTime(0);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.setProcessingTime(10 * 60_000);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void bufferedEventsSurviveACheckpointAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(config())) {
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            h.processElement(Fixtures.event(Fixtures.frame(CAM, 1, 1_100)), 1_100);
            h.processWatermark(1_000);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var restored = restored(config(), snapshot)) {
            restored.processElement(Fixtures.event(Fixtures.frame(CAM, 0, 1_000)), 1_000);
            restored.processWatermark(2_000);
            assertThat(restored.extractOutputValues())
                    .as("frame 1 was pending in state; frame 0 was decided before the snapshot")
                    .extracting(w -> w.frame().frameId())
                    .containsExactly(1L);
        }
    }
}
