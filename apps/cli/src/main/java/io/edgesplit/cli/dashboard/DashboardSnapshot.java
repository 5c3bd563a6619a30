package io.edgesplit.cli.dashboard;

import java.util.List;

/**
 * What the dashboard page shows, as served by {@code /api/snapshot}: run totals, time series over
 * wall-clock seconds since the start, and distributions since the start. Values that do not exist
 * yet (a percentile before the first frame) are {@code null}, never NaN, so the JSON stays valid.
 *
 * @param title page title
 * @param description one line about the run (devices, model, policies)
 * @param flinkUi URL of the Flink web UI, or null
 * @param state {@code running} or {@code finished}
 * @param elapsedS seconds since the start
 * @param streamStartS seconds from the start to the first frame sent, null before (or unknown)
 * @param expectedOutcomes outcomes the run expects (frames sent), 0 when unknown
 * @param totals counts and current values
 * @param series one point per second
 * @param cuts controller decisions per cut
 * @param gpuClocksMhz controller decisions per device GPU clock (MHz)
 * @param batchSizes OK frames per tail micro-batch size (0 = ran on the device, no tail)
 * @param summary the demo's final summary text, null while running
 */
public record DashboardSnapshot(
        String title,
        String description,
        String flinkUi,
        String state,
        double elapsedS,
        Double streamStartS,
        long expectedOutcomes,
        Totals totals,
        Series series,
        Distribution cuts,
        Distribution gpuClocksMhz,
        Distribution batchSizes,
        String summary) {

    /**
     * Counts since the start and current values.
     *
     * @param outcomes results seen (one per frame)
     * @param ok OK results
     * @param skipped SKIPPED results (not admitted)
     * @param failed FAILED results
     * @param deadLetters records that did not decode
     * @param decisions controller decisions seen
     * @param framesPerS OK frames per second over the last window
     * @param p50Ms median end-to-end latency of all OK frames
     * @param p95Ms 95th percentile end-to-end latency of all OK frames
     * @param joulesPerFrame device energy of all results per OK frame
     */
    public record Totals(
            long outcomes,
            long ok,
            long skipped,
            long failed,
            long deadLetters,
            long decisions,
            Double framesPerS,
            Double p50Ms,
            Double p95Ms,
            Double joulesPerFrame) {}

    /**
     * Time series, one value per point; each point covers the window of seconds before it.
     *
     * @param windowS window length in seconds
     * @param t seconds since the start
     * @param okPerS OK frames per second
     * @param notOkPerS SKIPPED and FAILED frames per second
     * @param p50Ms median end-to-end latency of the OK frames in the window
     * @param p95Ms 95th percentile of the same
     * @param joulesPerFrame device energy per OK frame in the window
     * @param backlogs queue backlogs of the first devices (and their maximum over all devices when
     *     there are more)
     * @param devicesSeen devices the controller decided for
     */
    public record Series(
            int windowS,
            double[] t,
            Double[] okPerS,
            Double[] notOkPerS,
            Double[] p50Ms,
            Double[] p95Ms,
            Double[] joulesPerFrame,
            List<DeviceBacklog> backlogs,
            int devicesSeen) {}

    /**
     * Queue backlogs of one device at each point: the latest decision's values.
     *
     * @param device device id, or "max of N devices"
     * @param computeMs compute backlog Qc in ms of work
     * @param uplinkKbit uplink backlog Qn in kbit
     */
    public record DeviceBacklog(String device, Double[] computeMs, Double[] uplinkKbit) {}

    /**
     * Counts per label, in label order.
     *
     * @param labels the values
     * @param counts how often each occurred
     */
    public record Distribution(List<String> labels, List<Long> counts) {}
}
