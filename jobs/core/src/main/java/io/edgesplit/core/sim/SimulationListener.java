package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControlDecision;

/** Progress callbacks of {@link Simulator#run}; called on the simulating thread. */
public interface SimulationListener {

    /** Does nothing. */
    SimulationListener NONE = new SimulationListener() {};

    /**
     * A run (one policy at one V) starts.
     *
     * @param policy policy name
     * @param v V of the run (NaN for policies that ignore V)
     * @param index 0-based index of the run
     * @param total number of runs
     */
    default void runStarted(String policy, double v, int index, int total) {}

    /** A run finished. */
    default void runFinished(RunSummary summary, int index, int total) {}

    /**
     * In {@link SimulationMode#PER_FRAME}: the controller decided a frame (admitted or not).
     *
     * @param deviceId the device, as {@link FrameTrace#deviceId(int)} names it
     * @param frameId the frame's per-device id
     * @param decision the decision
     */
    default void frameDecided(String deviceId, long frameId, ControlDecision decision) {}
}
