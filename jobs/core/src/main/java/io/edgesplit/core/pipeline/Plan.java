package io.edgesplit.core.pipeline;

import java.util.List;

/**
 * A plan for running one model on a network of devices.
 *
 * @param algorithm how it was found (pso, exhaustive, greedy, inter-only, data-parallel, single)
 * @param modelId the model
 * @param dataParallel true when every member runs the whole model on its share of the frames (one
 *     stage whose members' shares are frame fractions); false for a pipeline
 * @param stages the stages in pipeline order
 * @param periodS seconds between frames at steady state: the bottleneck stage time (a pipeline) or
 *     1 / the summed rates of the members (data parallel); infinite when nothing fits
 */
public record Plan(
        String algorithm,
        String modelId,
        boolean dataParallel,
        List<StagePlan> stages,
        double periodS) {

    public Plan {
        stages = List.copyOf(stages);
    }

    /** Predicted throughput, frames per second. */
    public double predictedFps() {
        return Double.isInfinite(periodS) ? 0 : 1 / periodS;
    }

    /** Index of the stage with the largest time (the bottleneck), -1 for none. */
    public int bottleneck() {
        int b = -1;
        for (int i = 0; i < stages.size(); i++) {
            if (b < 0 || stages.get(i).timeS() > stages.get(b).timeS()) {
                b = i;
            }
        }
        return b;
    }

    /** Whether a feasible plan was found. */
    public boolean feasible() {
        return !stages.isEmpty() && !Double.isInfinite(periodS);
    }
}
