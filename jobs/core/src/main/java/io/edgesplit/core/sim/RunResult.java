package io.edgesplit.core.sim;

/**
 * One run's summary and, when the spec records them, its per-slot series.
 *
 * @param summary the run's figures
 * @param slots per-slot aggregates, or null when not recorded
 */
public record RunResult(RunSummary summary, SlotSeries slots) {}
