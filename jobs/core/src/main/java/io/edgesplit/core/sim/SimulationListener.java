package io.edgesplit.core.sim;

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
}
