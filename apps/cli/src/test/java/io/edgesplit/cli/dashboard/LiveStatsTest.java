package io.edgesplit.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.avro.Decision;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.cli.dashboard.DashboardSnapshot.DeviceBacklog;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveStatsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final double HALF_BIN = Math.sqrt(LatencyHistogram.RATIO) - 1;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final LiveStats live =
            new LiveStats("title", "2 devices", "http://localhost:8081/", 10, clock::get);

    @Test
    void pointsCoverTheLastFiveSecondsOfArrivals() {
        // second 0: 4 OK frames at 10 ms, 1 skipped; second 1: 2 OK frames at 100 ms
        clock.addAndGet(SECOND / 4);
        live.streamStarted();
        for (int i = 0; i < 4; i++) {
            live.onResult(result("cam-00", i, ResultStatus.OK, 10, 0.5, 2));
        }
        live.onResult(result("cam-01", 0, ResultStatus.SKIPPED, 0, 0, 0));
        clock.addAndGet(SECOND);
        live.onResult(result("cam-00", 4, ResultStatus.OK, 100, 0.5, 1));
        live.onResult(result("cam-00", 5, ResultStatus.OK, 100, 0.5, 1));
        clock.addAndGet(SECOND + SECOND / 4);

        DashboardSnapshot s = live.snapshot();
        DashboardSnapshot.Series series = s.series();
        assertThat(series.t()).containsExactly(1.0, 2.0);
        assertThat(series.okPerS()).containsExactly(4.0, 3.0); // 4 in 1 s, 6 in 2 s
        assertThat(series.notOkPerS()).containsExactly(1.0, 0.5);
        assertThat(series.p50Ms()[0]).isCloseTo(10, within(10 * HALF_BIN));
        assertThat(series.p95Ms()[1]).isCloseTo(100, within(100 * HALF_BIN));
        assertThat(series.joulesPerFrame()).containsExactly(0.5, 0.5);
        assertThat(s.totals().outcomes()).isEqualTo(7);
        assertThat(s.totals().ok()).isEqualTo(6);
        assertThat(s.totals().skipped()).isEqualTo(1);
        assertThat(s.totals().framesPerS()).isEqualTo(3.0);
        assertThat(s.batchSizes().labels()).containsExactly("1", "2");
        assertThat(s.batchSizes().counts()).containsExactly(2L, 4L);
        assertThat(s.state()).isEqualTo("running");
        assertThat(s.elapsedS()).isEqualTo(2.5);
        assertThat(s.expectedOutcomes()).isEqualTo(10);
        assertThat(s.streamStartS()).isEqualTo(0.25);

        // six seconds later the window holds nothing: rates fall to 0, percentiles are absent
        clock.addAndGet(6 * SECOND);
        series = live.snapshot().series();
        assertThat(series.t()).hasSize(8);
        assertThat(series.okPerS()[7]).isZero();
        assertThat(series.p50Ms()[7]).isNull();
        assertThat(series.joulesPerFrame()[7]).isNull();
    }

    @Test
    void decisionsGiveCutAndClockCountsAndBacklogsPerDevice() {
        live.onDecision(decision("cam-01", 3, 1_300_000_000L, 0.020, 4_000));
        live.onDecision(decision("cam-00", 3, 850_000_000L, 0.010, 0));
        live.onDecision(decision("cam-00", 0, 850_000_000L, 0.030, 2_000));
        clock.addAndGet(SECOND);
        live.onDeadLetter();

        DashboardSnapshot s = live.snapshot();
        assertThat(s.totals().decisions()).isEqualTo(3);
        assertThat(s.totals().deadLetters()).isEqualTo(1);
        assertThat(s.cuts().labels()).containsExactly("0", "3");
        assertThat(s.cuts().counts()).containsExactly(1L, 2L);
        assertThat(s.gpuClocksMhz().labels()).containsExactly("850", "1300");
        assertThat(s.gpuClocksMhz().counts()).containsExactly(2L, 1L);
        assertThat(s.series().devicesSeen()).isEqualTo(2);
        assertThat(s.series().backlogs())
                .extracting(DeviceBacklog::device)
                .containsExactly("cam-00", "cam-01");
        DeviceBacklog cam0 = s.series().backlogs().get(0);
        assertThat(cam0.computeMs()[0]).isCloseTo(30.0, within(1e-9)); // the latest decision
        assertThat(cam0.uplinkKbit()[0]).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void manyDevicesAddALineOfTheMaximum() {
        int devices = LiveStats.MAX_DEVICE_LINES + 4;
        for (int i = 0; i < devices; i++) {
            live.onDecision(decision(String.format("cam-%02d", i), 1, 1L, i / 1e3, i * 1e3));
        }
        clock.addAndGet(SECOND);
        DashboardSnapshot.Series series = live.snapshot().series();
        assertThat(series.backlogs()).hasSize(LiveStats.MAX_DEVICE_LINES + 1);
        DeviceBacklog max =
                series.backlogs().stream()
                        .filter(b -> b.device().equals("max of " + devices + " devices"))
                        .findFirst()
                        .orElseThrow();
        assertThat(max.computeMs()[0]).isCloseTo(devices - 1.0, within(1e-9));
        assertThat(max.uplinkKbit()[0]).isCloseTo(devices - 1.0, within(1e-9));
    }

    @Test
    void finishAddsThePartSecondAndFreezesTheTimeline() {
        live.onResult(result("cam-00", 0, ResultStatus.FAILED, 0, 0.1, 0));
        clock.addAndGet(SECOND + SECOND / 2);
        live.finish("Summary: 1 outcome");
        clock.addAndGet(60 * SECOND);

        DashboardSnapshot s = live.snapshot();
        assertThat(s.state()).isEqualTo("finished");
        assertThat(s.summary()).isEqualTo("Summary: 1 outcome");
        assertThat(s.elapsedS()).isEqualTo(1.5);
        assertThat(s.series().t()).containsExactly(1.0, 1.5);
        assertThat(s.series().notOkPerS()[1]).isCloseTo(1 / 1.5, within(1e-9));
        assertThat(s.totals().failed()).isEqualTo(1);
        assertThat(s.totals().joulesPerFrame()).isNull(); // no OK frame
        assertThat(s.totals().p95Ms()).isNull();
        assertThat(s.streamStartS()).isNull();
    }

    static InferenceResult result(
            String device,
            long frame,
            ResultStatus status,
            double e2eMs,
            double joules,
            int batch) {
        return InferenceResult.newBuilder()
                .setDeviceId(device)
                .setFrameId(frame)
                .setModelId("tiny-chain")
                .setCut(status == ResultStatus.OK ? 2 : -1)
                .setCaptureTime(Instant.ofEpochMilli(1_700_000_000_000L + frame * 200))
                .setStatus(status)
                .setReason(status == ResultStatus.OK ? null : "test")
                .setTop1(status == ResultStatus.OK ? 1 : null)
                .setScore(status == ResultStatus.OK ? 0.5f : null)
                .setPolicy("cutedge")
                .setQueueWaitMs(0)
                .setHeadMs(0)
                .setTransferMs(0)
                .setTailMs(e2eMs)
                .setEndToEndMs(e2eMs)
                .setEnergyJ(joules)
                .setBatchSize(batch)
                .setExecutionProvider("cpu")
                .build();
    }

    static Decision decision(
            String device, int cut, long clockHz, double computeBacklogS, double uplinkBits) {
        return Decision.newBuilder()
                .setDeviceId(device)
                .setFrameId(0)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setPolicy("cutedge")
                .setCut(cut)
                .setGpuClockHz(clockHz)
                .setUplinkBps(20e6)
                .setAdmitted(1)
                .setPredictedHeadMs(1)
                .setPredictedTransferMs(1)
                .setPredictedTailMs(1)
                .setPredictedQueueWaitMs(0)
                .setComputeEnergyJ(0.1)
                .setRadioEnergyJ(0.1)
                .setComputeBacklogS(computeBacklogS)
                .setUplinkBacklogBits(uplinkBits)
                .setPowerQueue(0)
                .setComputeDelayQueue(0)
                .setUplinkDelayQueue(0)
                .build();
    }
}
