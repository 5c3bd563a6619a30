package io.edgesplit.core.sim;

import java.util.List;

/**
 * The outcome of {@link Simulator#run}: every run, where the costs came from, and warnings (e.g. an
 * infeasible power budget).
 *
 * @param spec the simulation that ran
 * @param runs one result per policy (and per V for the policies that use V), in spec order
 * @param costSources one line per device type saying where head/tail times came from
 * @param warnings things the user should know about the results
 * @param offline the offline-optimal lower bound on the same arrivals and latency bound (computed
 *     for every simulation, listed as a run only when asked for)
 */
public record SimulationResult(
        SimulationSpec spec,
        List<RunResult> runs,
        List<String> costSources,
        List<String> warnings,
        RunSummary offline) {

    public SimulationResult {
        runs = List.copyOf(runs);
        costSources = List.copyOf(costSources);
        warnings = List.copyOf(warnings);
    }

    /** The summaries, in run order. */
    public List<RunSummary> summaries() {
        return runs.stream().map(RunResult::summary).toList();
    }

    /** Whether some Lyapunov run exceeded its power budget (power virtual queue grew). */
    public boolean powerBudgetExceeded() {
        return summaries().stream().anyMatch(s -> s.overBudget() && !Double.isNaN(s.v()));
    }
}
