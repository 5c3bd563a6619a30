package io.edgesplit.core.sim;

import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.util.Values;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a {@link SimulationResult} to a directory: {@code runs.csv} (one row per run), {@code
 * slots.csv} (per-slot aggregates over devices, when recorded) and {@code summary.txt}. The PNG
 * plots are drawn by the command line ({@code io.edgesplit.cli.sim.Charts}), not here.
 */
public final class SimulationReport {

    private SimulationReport() {}

    /**
     * Writes everything into {@code outDir} (created if needed) and returns the summary text (also
     * written to summary.txt), for the command line to print.
     */
    public static String write(SimulationResult result, Path outDir) {
        try {
            Files.createDirectories(outDir);
            writeRuns(result, outDir.resolve("runs.csv"));
            if (result.runs().stream().anyMatch(r -> r.slots() != null)) {
                writeSlots(result, outDir.resolve("slots.csv"));
            }
            String summary = summary(result);
            Files.writeString(outDir.resolve("summary.txt"), summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write simulation report to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** The summary: scenario, where costs came from, the table, comparisons and warnings. */
    public static String summary(SimulationResult result) {
        SimulationSpec spec = result.spec();
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "scenario %s: %d devices, %d slots of %s s (statistics after %d warm-up"
                                + " slots), model %s, edge %s, %s on the wire%n",
                        spec.name(),
                        spec.deviceCount(),
                        spec.slots(),
                        Values.format(spec.slotSeconds()),
                        spec.warmupSlots(),
                        spec.model().modelId(),
                        spec.edge().name(),
                        spec.wire().name().toLowerCase(Locale.ROOT)));
        for (DeviceGroup g : spec.devices()) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "  %d x %s (%s radio), %.3g fps %s, traces: %s%n",
                            g.count(),
                            g.device().name(),
                            g.device().radio().type(),
                            g.fps(),
                            g.arrivals().name().toLowerCase(Locale.ROOT),
                            String.join("; ", g.traces().stream().map(Object::toString).toList())));
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "  controller: latency bound %s, theta %s J, power budget %s W, epsilon %s,"
                                + " uplink reference %s bit/s, rate levels %d%n",
                        boundText(spec.controller().latencyBoundS()),
                        Values.format(spec.controller().theta()),
                        Values.format(spec.controller().powerBudgetW()),
                        Values.format(spec.controller().epsilon()),
                        Values.format(spec.controller().uplinkReferenceBps()),
                        spec.controller().rateLevels()));
        for (String c : result.costSources()) {
            b.append("  costs: ").append(c).append('\n');
        }
        b.append('\n').append(table(result.summaries()));
        b.append(
                String.format(
                        Locale.ROOT,
                        "(late %%: completed frames over the %s latency bound)%n",
                        boundText(spec.controller().latencyBoundS())));
        String cmp = comparisons(result.summaries()) + offlineGaps(result);
        if (!cmp.isEmpty()) {
            b.append('\n').append(cmp);
        }
        if (!result.warnings().isEmpty()) {
            b.append('\n');
            for (String w : result.warnings()) {
                b.append("WARNING: ").append(w).append('\n');
            }
        }
        return b.toString();
    }

    /** The policy table. */
    public static String table(List<RunSummary> runs) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-22s %8s %9s %9s %9s %8s %9s %7s %7s %9s %6s %7s%n",
                        "policy",
                        "V",
                        "frames/s",
                        "p50 ms",
                        "p95 ms",
                        "J/frame",
                        "active J",
                        "drops",
                        "P W",
                        "backlog s",
                        "budget",
                        "late %"));
        for (RunSummary r : runs) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %8s %9.2f %9.1f %9.1f %8.3f %9.3f %7d %7.2f %9.3f %6s %7.2f%n",
                            r.policy(),
                            Double.isNaN(r.v()) ? "-" : Values.format(r.v()),
                            r.throughputFps(),
                            r.latencyP50S() * 1e3,
                            r.latencyP95S() * 1e3,
                            r.joulesPerFrame(),
                            r.activeJoulesPerFrame(),
                            r.dropped(),
                            r.meanPowerW(),
                            r.meanBacklogSeconds(),
                            r.overBudget() ? "OVER" : "ok",
                            100 * r.lateShare()));
        }
        return b.toString();
    }

    /**
     * CutEdge against device-only (energy at the throughput it reached) and edge-only (throughput),
     * one line per V.
     */
    static String comparisons(List<RunSummary> runs) {
        Optional<RunSummary> device =
                runs.stream().filter(r -> r.policy().equals(Policies.DEVICE_ONLY)).findFirst();
        Optional<RunSummary> edge =
                runs.stream().filter(r -> r.policy().equals(Policies.EDGE_ONLY)).findFirst();
        StringBuilder b = new StringBuilder();
        for (RunSummary r : runs) {
            if (!r.policy().equals(Policies.CUTEDGE) || (device.isEmpty() && edge.isEmpty())) {
                continue;
            }
            StringBuilder line = new StringBuilder(r.label()).append(':');
            device.ifPresent(
                    d ->
                            line.append(
                                    String.format(
                                            Locale.ROOT,
                                            " %+.1f%% J/frame (%+.1f%% active) vs device-only at"
                                                    + " %.1f%% of its throughput;",
                                            pct(r.joulesPerFrame(), d.joulesPerFrame()),
                                            pct(r.activeJoulesPerFrame(), d.activeJoulesPerFrame()),
                                            100 * r.throughputFps() / d.throughputFps())));
            edge.ifPresent(
                    e ->
                            line.append(
                                    String.format(
                                            Locale.ROOT,
                                            " %+.1f%% frames/s vs edge-only",
                                            pct(r.throughputFps(), e.throughputFps()))));
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /**
     * Each Lyapunov run against the offline-optimal lower bound on the same arrivals and latency
     * bound: energy per frame (all, and above the idle floor) and throughput.
     */
    static String offlineGaps(SimulationResult result) {
        RunSummary o = result.offline();
        StringBuilder b = new StringBuilder();
        for (RunSummary r : result.summaries()) {
            if (!Policies.usesV(r.policy())) {
                continue;
            }
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%s: %+.1f%% J/frame (%+.1f%% active) vs offline-optimal (a lower"
                                    + " bound) at %.1f%% of its throughput; %.2f%% of frames"
                                    + " over the %s bound%n",
                            r.label(),
                            pct(r.joulesPerFrame(), o.joulesPerFrame()),
                            pct(r.activeJoulesPerFrame(), o.activeJoulesPerFrame()),
                            100 * r.throughputFps() / o.throughputFps(),
                            100 * r.lateShare(),
                            boundText(o.latencyBoundS())));
        }
        return b.toString();
    }

    /** "200 ms", or "no" for an infinite bound. */
    static String boundText(double seconds) {
        return Double.isInfinite(seconds) ? "no" : Values.format(seconds * 1e3) + " ms";
    }

    private static double pct(double x, double base) {
        return 100 * (x - base) / base;
    }

    private static void writeRuns(SimulationResult result, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(
                    "policy,v,devices,window_s,arrived,admitted,dropped,completed,in_flight,"
                            + "throughput_fps,latency_p50_s,latency_p95_s,latency_p99_s,"
                            + "latency_mean_s,compute_j,radio_j,idle_floor_j,j_per_frame,"
                            + "active_j_per_frame,mean_power_w,max_device_power_w,mean_qc_s,"
                            + "mean_qn_bits,mean_backlog_s,final_power_queue_w,"
                            + "power_queue_growth_w_per_slot,over_budget,mean_clock_hz,cut_shares,"
                            + "latency_bound_s,late_frames,late_share\n");
            for (RunSummary r : result.summaries()) {
                StringBuilder shares = new StringBuilder();
                for (int i = 0; i < r.cutShares().size(); i++) {
                    if (r.cutShares().get(i) > 0) {
                        if (shares.length() > 0) {
                            shares.append(' ');
                        }
                        shares.append(i).append(':').append(num(r.cutShares().get(i)));
                    }
                }
                w.write(
                        String.join(
                                ",",
                                r.policy(),
                                Double.isNaN(r.v()) ? "" : num(r.v()),
                                Integer.toString(r.devices()),
                                num(r.windowSeconds()),
                                Long.toString(r.arrived()),
                                Long.toString(r.admitted()),
                                Long.toString(r.dropped()),
                                Long.toString(r.completed()),
                                Long.toString(r.inFlight()),
                                num(r.throughputFps()),
                                num(r.latencyP50S()),
                                num(r.latencyP95S()),
                                num(r.latencyP99S()),
                                num(r.latencyMeanS()),
                                num(r.computeEnergyJ()),
                                num(r.radioEnergyJ()),
                                num(r.idleFloorJ()),
                                num(r.joulesPerFrame()),
                                num(r.activeJoulesPerFrame()),
                                num(r.meanPowerW()),
                                num(r.maxDevicePowerW()),
                                num(r.meanComputeBacklogS()),
                                num(r.meanUplinkBacklogBits()),
                                num(r.meanBacklogSeconds()),
                                num(r.finalPowerQueueW()),
                                num(r.powerQueueGrowthWPerSlot()),
                                Boolean.toString(r.overBudget()),
                                num(r.meanClockHz()),
                                shares.toString(),
                                num(r.latencyBoundS()),
                                Long.toString(r.lateFrames()),
                                num(r.lateShare())));
                w.write('\n');
            }
        }
    }

    private static void writeSlots(SimulationResult result, Path file) throws IOException {
        double dt = result.spec().slotSeconds();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("policy,v,slot,time_s," + String.join(",", SlotSeries.COLUMNS) + "\n");
            StringBuilder line = new StringBuilder(256);
            for (RunResult run : result.runs()) {
                SlotSeries s = run.slots();
                if (s == null) {
                    continue;
                }
                String prefix =
                        run.summary().policy()
                                + ","
                                + (Double.isNaN(run.summary().v()) ? "" : num(run.summary().v()))
                                + ",";
                for (int t = 0; t < s.slots(); t++) {
                    line.setLength(0);
                    line.append(prefix).append(t).append(',').append(num(t * dt));
                    for (int c = 0; c < SlotSeries.COLUMNS.length; c++) {
                        line.append(',').append(num(s.value(c, t)));
                    }
                    line.append('\n');
                    w.write(line.toString());
                }
            }
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
