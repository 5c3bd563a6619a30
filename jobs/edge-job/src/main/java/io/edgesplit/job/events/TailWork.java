package io.edgesplit.job.events;

/**
 * The activation at the cut, ready for the tail.
 *
 * @param work the admitted frame and its decision
 * @param activation tensors at the cut (batch 1)
 * @param bufferedAtMs processing time the tail operator buffered it (0 before buffering)
 */
public record TailWork(WorkItem work, TensorPayload[] activation, long bufferedAtMs) {

    public String tailKey() {
        return work.tailKey();
    }

    public TailWork bufferedAt(long nowMs) {
        return new TailWork(work, activation, nowMs);
    }
}
