package io.edgesplit.job.events;

/** Outcome of one input frame. */
public enum ResultStatus {
    /** Inferred; top-1 and timings are set. */
    OK,
    /** Not admitted by the controller's admission decision; the reason says why. */
    SKIPPED,
    /** Could not be processed; the reason says why. */
    FAILED
}
