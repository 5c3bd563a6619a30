package io.edgesplit.job.pipeline;

/**
 * The emulated timeline of one stage of one camera's pipeline: a frame starts when it is ready (the
 * previous stage finished it) and the stage's devices are free (they finished the previous frame),
 * and takes the stage's time. Pure logic: the stage operator keeps {@code busyUntilMs} in keyed
 * state.
 */
public final class StageClock {

    private StageClock() {}

    /**
     * When a frame ran on the stage.
     *
     * @param startMs emulated start (on the caller's time axis, e.g. ms after the capture)
     * @param endMs emulated end (the stage is busy until then)
     * @param waitMs how long the frame waited for the stage to be free
     */
    public record Slot(double startMs, double endMs, double waitMs) {}

    /**
     * The slot of a frame ready at {@code readyMs} on a stage busy until {@code busyUntilMs} (NaN
     * for a stage that ran no frame yet) taking {@code stageMs}.
     */
    public static Slot schedule(double readyMs, double busyUntilMs, double stageMs) {
        if (stageMs < 0 || Double.isNaN(stageMs) || Double.isNaN(readyMs)) {
            throw new IllegalArgumentException(
                    "stage time "
                            + stageMs
                            + " ms and ready time "
                            + readyMs
                            + " must be numbers ≥ 0");
        }
        double start = Double.isNaN(busyUntilMs) ? readyMs : Math.max(readyMs, busyUntilMs);
        return new Slot(start, start + stageMs, start - readyMs);
    }
}
