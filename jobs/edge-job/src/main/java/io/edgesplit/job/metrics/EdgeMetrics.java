package io.edgesplit.job.metrics;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Names of the job's metrics. They live in the operator's metric group under the group {@link
 * #GROUP}, so with the Prometheus reporter they appear as {@code
 * flink_taskmanager_job_task_operator_edgesplit_<name>}.
 */
public final class EdgeMetrics {

    private EdgeMetrics() {}

    /** Metric group under each operator's group. */
    public static final String GROUP = "edgesplit";

    // controller
    public static final String FRAMES_IN = "framesIn";
    public static final String FRAMES_IN_RATE = "framesInPerSecond";
    public static final String FRAMES_ADMITTED = "framesAdmitted";
    public static final String FRAMES_SKIPPED = "framesSkipped";
    public static final String FRAMES_FAILED = "framesFailed";
    public static final String DUPLICATE_FRAMES = "duplicateFrames";
    public static final String LATE_EVENTS = "lateEvents";
    public static final String RESTORED_RELEASES = "restoredReleases";
    public static final String TELEMETRY_IN = "telemetryIn";
    public static final String DECISIONS = "decisions";
    public static final String CHOSEN_CUT = "chosenCut";
    public static final String GPU_CLOCK_MHZ = "gpuClockMhz";
    public static final String UPLINK_MBPS = "uplinkRateMbps";
    public static final String COMPUTE_BACKLOG_MS = "computeBacklogMs";
    public static final String UPLINK_BACKLOG_KBIT = "uplinkBacklogKbit";
    public static final String POWER_QUEUE = "powerQueue";
    public static final String ENERGY_PER_FRAME_MJ = "energyPerFrameMilliJoule";

    // device emulator
    public static final String HEAD_WALL_MS = "headEmulationMs";

    // tail inference
    public static final String FRAMES_OUT = "framesOut";
    public static final String FRAMES_OUT_RATE = "framesOutPerSecond";
    public static final String TAIL_LATENCY_MS = "tailLatencyMs";
    public static final String END_TO_END_MS = "endToEndLatencyMs";
    public static final String BATCH_SIZE = "batchSize";
    public static final String BATCH_WAIT_MS = "batchWaitMs";

    // dead letters are counted by the Kafka source's deserializer, in its "deserializer" group
    public static final String DEAD_LETTERS = "deadLetters";

    /** Window of samples kept by each histogram. */
    public static final int HISTOGRAM_WINDOW = 1024;

    /** The {@link #GROUP} group of an operator's metrics. */
    public static MetricGroup group(RuntimeContext ctx) {
        return ctx.getMetricGroup().addGroup(GROUP);
    }

    /** A histogram over the last {@link #HISTOGRAM_WINDOW} samples. */
    public static Histogram histogram(MetricGroup group, String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
}
