package io.edgesplit.onnx.profile;

import io.edgesplit.core.model.CutProfile;

/** Progress of {@link ModelProfiler#profile}, e.g. for a CLI progress line. */
@FunctionalInterface
public interface ProfileListener {

    /** A listener that ignores progress. */
    ProfileListener NONE = (done, total, cut) -> {};

    /**
     * Called after each measured cut.
     *
     * @param done cuts measured so far (1-based)
     * @param total cuts to measure
     * @param cut the measured cut
     */
    void cutMeasured(int done, int total, CutProfile cut);
}
