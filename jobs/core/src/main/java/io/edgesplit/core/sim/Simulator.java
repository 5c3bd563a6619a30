package io.edgesplit.core.sim;

import io.edgesplit.core.controller.DeviceInput;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.util.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trace-driven simulation of N devices over T slots for a list of policies and V values, deciding
 * once per slot ({@link SlotRun}, the default) or once per frame with the streaming job's loop
 * ({@link FrameRun}, {@link SimulationMode#PER_FRAME}); {@link RunAccounts} measures both alike.
 *
 * <p>The model is the controller's own (brief §5), so what the controller predicts is what happens:
 * each slot every device's policy decides (a, p, f, r) from its queues, the slot's arrivals and the
 * slot's mean trace capacity (a perfect one-slot predictor); energy is charged as the decision says
 * (compute {@code P(f)·busy + P_idle·(Δ − busy)}, radio {@code P_tx(r)·min(Δ, Qn/r)}); queues
 * follow the decision's update. On top, every frame is tracked for latency: frames arriving in slot
 * t (spread evenly over the slot) are decided at the start of t and join the device's FIFO compute
 * queue at the end of t, as in {@code Qc(t+1) = max(Qc − μΔ, 0) + a·w}; the GPU serves the queue at
 * μc(f) during each slot; a frame's activation enters the uplink FIFO when its head finishes and is
 * sent at the slot's rate r; its result is ready after the tail time on the edge (edge queueing is
 * not modelled). Latency = ready − capture.
 *
 * <p>Deterministic: arrivals are seeded per device and shared by all runs (common random numbers);
 * devices sharing a trace start at spread offsets; nothing reads the wall clock.
 */
public final class Simulator {

    private Simulator() {}

    /** Runs every policy (and every V for the Lyapunov policies) on the spec's devices. */
    public static SimulationResult run(SimulationSpec spec, SimulationListener listener) {
        SimulationSetup setup = new SimulationSetup(spec);
        List<List<DeviceInput>> trace =
                spec.mode() == SimulationMode.PER_FRAME ? FrameTrace.of(spec, setup) : null;
        List<String[]> runs = new ArrayList<>();
        for (String p : spec.policies()) {
            if (Policies.usesV(p)) {
                for (double v : spec.vValues()) {
                    runs.add(new String[] {p, Double.toString(v)});
                }
            } else {
                runs.add(new String[] {p, "NaN"});
            }
        }
        List<RunResult> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RunSummary offline = OfflineOptimal.bound(spec, setup);
        for (int i = 0; i < runs.size(); i++) {
            String policy = runs.get(i)[0];
            double v = Double.parseDouble(runs.get(i)[1]);
            listener.runStarted(policy, v, i, runs.size());
            RunResult r =
                    policy.equals(Policies.OFFLINE_OPTIMAL)
                            ? new RunResult(offline, null)
                            : trace == null
                                    ? new SlotRun(spec, setup, policy, v).execute()
                                    : new FrameRun(spec, setup, trace, policy, v, listener)
                                            .execute();
            results.add(r);
            warnings.addAll(warningsFor(spec, r.summary()));
            listener.runFinished(r.summary(), i, runs.size());
        }
        return new SimulationResult(spec, results, setup.costSources(), warnings, offline);
    }

    private static List<String> warningsFor(SimulationSpec spec, RunSummary s) {
        List<String> w = new ArrayList<>();
        double budget = spec.controller().powerBudgetW();
        if (s.overBudget() && Policies.usesV(s.policy())) {
            w.add(
                    String.format(
                            Locale.ROOT,
                            "POWER BUDGET EXCEEDED: %s kept a mean device power of %.3f W (worst"
                                    + " device %.3f W) against a budget of %s W; the power virtual"
                                    + " queue reached %.4g W (growing %.3g W/slot): the budget is"
                                    + " infeasible for this load, or V is too large for %d slots",
                            s.label(),
                            s.meanPowerW(),
                            s.maxDevicePowerW(),
                            Values.format(budget),
                            s.finalPowerQueueW(),
                            s.powerQueueGrowthWPerSlot(),
                            spec.slots()));
        }
        if (s.completed() == 0 && s.arrived() > 0) {
            w.add(s.label() + " completed no frames in the measurement window");
        }
        if (s.inFlight() > 20 && s.inFlight() > 0.1 * Math.max(1, s.completed())) {
            w.add(
                    String.format(
                            Locale.ROOT,
                            "%s ended with %d frames still queued (%d completed): the load exceeds"
                                    + " what it can serve, or the run is short for this V",
                            s.label(),
                            s.inFlight(),
                            s.completed()));
        }
        return w;
    }
}
