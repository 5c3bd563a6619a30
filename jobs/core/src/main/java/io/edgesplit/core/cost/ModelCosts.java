package io.edgesplit.core.cost;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.GpuModel;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Per-cut costs of one model on one device type and edge server, plus the device's clock table as
 * primitive arrays: everything a policy reads on its hot path, precomputed once.
 *
 * <p>Per cut p: the head work {@code w_p} (seconds on the device at its maximum clock), the bits
 * {@code s_p} sent at the cut, and the tail time {@code g_p} on the edge server.
 *
 * <ul>
 *   <li>Head time comes from {@code CutProfile.deviceHeadMs} for this device type when present (at
 *       fmax, or at another clock scaled to fmax with the δ model), otherwise from {@code headMacs
 *       / macsPerSecondAtMax}. The profiling host's {@code headMs} is never used for the device: a
 *       host CPU/GPU says nothing about a Jetson.
 *   <li>Tail time is the profile's measured {@code tailMs} (the profiling host is taken as the edge
 *       server) when present, else {@code tailMacs / edge.macsPerSecond}.
 * </ul>
 *
 * <h2>Pareto pruning</h2>
 *
 * Cut q <em>dominates</em> cut p when {@code w_q ≤ w_p}, {@code s_q ≤ s_p} and {@code g_q ≤ g_p}
 * (and, if all three are equal, {@code q < p}). {@link #paretoCuts()} keeps only undominated cuts.
 * <b>Claim:</b> dropping dominated cuts never changes the CutEdge decision. <b>Proof:</b> in the
 * drift-plus-penalty objective (see {@code CutEdgePolicy}) the cut enters only through the
 * admission term {@code a·(Qc·w_p/Δ² + Qn·s_p/(ρΔ)²)} with {@code a, Qc, Qn ≥ 0}; the clock and
 * rate terms and the energies of the slot depend on the backlogs already queued, not on the cut
 * chosen for the new frames. For fixed (a, f, r) the objective is therefore a non-decreasing
 * function of {@code (w_p, s_p)}, so {@code J(q) ≤ J(p)} whenever q dominates p. The policy breaks
 * ties lexicographically by {@code (J, g, w, s, index)}; when q dominates p, q is no greater than p
 * in every one of these keys in turn (equal J, then {@code g_q ≤ g_p}, then {@code w_q ≤ w_p}, then
 * {@code s_q ≤ s_p}, and if all are equal {@code q < p}), so p is never the unique lexicographic
 * minimum and is never chosen. Removing never-chosen candidates leaves the argmin unchanged. ∎
 * ({@code ModelCostsTest} and {@code CutEdgePolicyTest} check this on random profiles and states.)
 */
public final class ModelCosts {

    private final String modelId;
    private final DeviceProfile device;
    private final EdgeServerProfile edge;
    private final WirePrecision wire;
    private final String[] labels;
    private final double[] headSecondsAtMax;
    private final double[] bits;
    private final double[] tailSeconds;
    private final boolean[] general;
    private final CostSource[] headSources;
    private final CostSource[] tailSources;
    private final int[] pareto;
    private final LatencyEnvelope latencyEnvelope;
    private final boolean[] paretoOptimal;
    private final long[] clocksHz;
    private final double[] speeds;
    private final double[] busyPowerW;
    private final double idleW;
    private final double[] rateGrid;
    private final double joulesPerWorkSecond;

    private ModelCosts(
            ModelProfile model, DeviceProfile device, EdgeServerProfile edge, WirePrecision wire) {
        this.modelId = model.modelId();
        this.device = device;
        this.edge = edge;
        this.wire = wire;
        int n = model.cuts().size();
        labels = new String[n];
        headSecondsAtMax = new double[n];
        bits = new double[n];
        tailSeconds = new double[n];
        general = new boolean[n];
        headSources = new CostSource[n];
        tailSources = new CostSource[n];
        GpuModel gpu = device.gpu();
        for (int p = 0; p < n; p++) {
            CutProfile cut = model.cut(p);
            labels[p] = cut.label();
            general[p] = cut.general();
            bits[p] = 8.0 * (wire == WirePrecision.FP16 ? cut.bytesFp16() : cut.bytesFp32());
            setHead(cut, gpu, p);
            if (!Double.isNaN(cut.tailMs())) {
                if (cut.tailMs() < 0) {
                    throw new IllegalArgumentException(
                            "model '" + modelId + "' cut " + p + ": tailMs is negative");
                }
                tailSeconds[p] = cut.tailMs() / 1e3;
                tailSources[p] = hostSource(cut.tailMs(), cut.tailMacs());
            } else if (cut.tailMacs() == 0) {
                tailSeconds[p] = 0;
                tailSources[p] = CostSource.NO_WORK;
            } else {
                tailSeconds[p] = cut.tailMacs() / edge.macsPerSecond();
                tailSources[p] = CostSource.MAC_ESTIMATE;
            }
        }
        paretoOptimal = new boolean[n];
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            boolean dominated = false;
            for (int q = 0; q < n && !dominated; q++) {
                dominated = q != p && dominates(q, p);
            }
            paretoOptimal[p] = !dominated;
            if (!dominated) {
                kept.add(p);
            }
        }
        pareto = kept.stream().mapToInt(Integer::intValue).toArray();
        double[] atInfiniteRate = new double[n];
        for (int p = 0; p < n; p++) {
            atInfiniteRate[p] = headSecondsAtMax[p] + tailSeconds[p];
        }
        latencyEnvelope = LatencyEnvelope.of(atInfiniteRate, bits, IntStream.range(0, n).toArray());
        int c = gpu.clockCount();
        clocksHz = new long[c];
        speeds = new double[c];
        busyPowerW = new double[c];
        for (int i = 0; i < c; i++) {
            clocksHz[i] = gpu.clocksHz().get(i);
            speeds[i] = gpu.speedAt(clocksHz[i]);
            busyPowerW[i] = gpu.busyPowerW(i);
        }
        idleW = gpu.idleW();
        rateGrid = device.uplinkRatesBps().stream().mapToDouble(Double::doubleValue).toArray();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c; i++) {
            best = Math.min(best, (busyPowerW[i] - idleW) / speeds[i]);
        }
        joulesPerWorkSecond = best;
    }

    private static CostSource hostSource(double tailMs, long tailMacs) {
        return tailMs == 0 && tailMacs == 0 ? CostSource.NO_WORK : CostSource.HOST_MEASURED;
    }

    private void setHead(CutProfile cut, GpuModel gpu, int p) {
        String prefix = device.name() + "@";
        long fmax = gpu.maxClockHz();
        Double atMax = cut.deviceHeadMs().get(CutProfile.deviceKey(device.name(), fmax));
        if (atMax != null) {
            headSecondsAtMax[p] = checkMs(atMax, p) / 1e3;
            headSources[p] = CostSource.DEVICE_MEASURED;
            return;
        }
        long bestClock = -1;
        double bestMs = Double.NaN;
        for (Map.Entry<String, Double> e : cut.deviceHeadMs().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            long clock;
            try {
                clock = Long.parseLong(e.getKey().substring(prefix.length()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "model '"
                                + modelId
                                + "' cut "
                                + p
                                + ": deviceHeadMs key '"
                                + e.getKey()
                                + "' is not deviceType@clockHz",
                        ex);
            }
            if (clock > 0 && clock > bestClock) {
                bestClock = clock;
                bestMs = checkMs(e.getValue(), p);
            }
        }
        if (bestClock > 0) {
            headSecondsAtMax[p] = bestMs / 1e3 / gpu.slowdownAt(bestClock);
            headSources[p] = CostSource.DEVICE_MEASURED_SCALED;
        } else if (cut.headMacs() == 0) {
            headSecondsAtMax[p] = 0;
            headSources[p] = CostSource.NO_WORK;
        } else {
            headSecondsAtMax[p] = cut.headMacs() / gpu.macsPerSecondAtMax();
            headSources[p] = CostSource.MAC_ESTIMATE;
        }
    }

    private double checkMs(Double ms, int p) {
        if (ms == null || !(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException(
                    "model '"
                            + modelId
                            + "' cut "
                            + p
                            + ": device head latency "
                            + ms
                            + " ms is not a finite number >= 0");
        }
        return ms;
    }

    private boolean dominates(int q, int p) {
        boolean noWorse =
                headSecondsAtMax[q] <= headSecondsAtMax[p]
                        && bits[q] <= bits[p]
                        && tailSeconds[q] <= tailSeconds[p];
        if (!noWorse) {
            return false;
        }
        boolean allEqual =
                headSecondsAtMax[q] == headSecondsAtMax[p]
                        && bits[q] == bits[p]
                        && tailSeconds[q] == tailSeconds[p];
        return !allEqual || q < p;
    }

    /** Costs with activations sent in their own type (fp32). */
    public static ModelCosts of(ModelProfile model, DeviceProfile device, EdgeServerProfile edge) {
        return of(model, device, edge, WirePrecision.FP32);
    }

    /** Costs with activations sent in the given precision. */
    public static ModelCosts of(
            ModelProfile model, DeviceProfile device, EdgeServerProfile edge, WirePrecision wire) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(wire, "wire");
        return new ModelCosts(model, device, edge, wire);
    }

    public String modelId() {
        return modelId;
    }

    public DeviceProfile device() {
        return device;
    }

    public EdgeServerProfile edge() {
        return edge;
    }

    public WirePrecision wire() {
        return wire;
    }

    /** Number of cuts (L + 1). */
    public int cutCount() {
        return bits.length;
    }

    /** Index of the last cut (device-only). */
    public int lastCut() {
        return bits.length - 1;
    }

    /** Head work w_p: seconds on the device at its maximum clock. */
    public double headSecondsAtMax(int cut) {
        return headSecondsAtMax[cut];
    }

    /** Bits s_p sent over the uplink at this cut. */
    public double bits(int cut) {
        return bits[cut];
    }

    /** Tail time g_p on the edge server (s). */
    public double tailSeconds(int cut) {
        return tailSeconds[cut];
    }

    /**
     * The fastest cut per uplink rate at the maximum clock over every cut, prefix and general (one
     * frame's head + transfer + tail seconds), as a lookup table.
     */
    public LatencyEnvelope latencyEnvelope() {
        return latencyEnvelope;
    }

    /** Whether cut {@code cut} is a general (DAG) cut rather than a topological prefix. */
    public boolean general(int cut) {
        return general[cut];
    }

    /** The longest tail time over all cuts (s): what a frame queued at any cut may still need. */
    public double maxTailSeconds() {
        double m = 0;
        for (double g : tailSeconds) {
            m = Math.max(m, g);
        }
        return m;
    }

    public CostSource headSource(int cut) {
        return headSources[cut];
    }

    public CostSource tailSource(int cut) {
        return tailSources[cut];
    }

    /** Number of Pareto-optimal cuts. */
    public int paretoCount() {
        return pareto.length;
    }

    /** The i-th Pareto-optimal cut index (ascending). */
    public int paretoCut(int i) {
        return pareto[i];
    }

    /** Indices of the Pareto-optimal cuts, ascending (a copy). */
    public int[] paretoCuts() {
        return pareto.clone();
    }

    /** Whether no other cut dominates this one. */
    public boolean isParetoOptimal(int cut) {
        return paretoOptimal[cut];
    }

    /** Number of GPU clocks. */
    public int clockCount() {
        return clocksHz.length;
    }

    /** Index of the maximum clock. */
    public int maxClockIndex() {
        return clocksHz.length - 1;
    }

    public long clockHz(int clockIndex) {
        return clocksHz[clockIndex];
    }

    /** μ(f): speed at this clock relative to the maximum clock. */
    public double speed(int clockIndex) {
        return speeds[clockIndex];
    }

    /** P(f): busy power at this clock (W). */
    public double busyPowerW(int clockIndex) {
        return busyPowerW[clockIndex];
    }

    /** Idle power (W). */
    public double idleW() {
        return idleW;
    }

    /**
     * Energy above idle of one second of head work (at fmax) run at the most energy-efficient
     * clock: {@code min_f (P(f) − P_idle)/μc(f)} (J per work-second).
     */
    public double joulesPerWorkSecond() {
        return joulesPerWorkSecond;
    }

    /** Number of discrete uplink rates in the device profile (0: fractions of the capacity). */
    public int rateGridSize() {
        return rateGrid.length;
    }

    /** The i-th discrete uplink rate of the device profile (bit/s, ascending). */
    public double rateGridBps(int i) {
        return rateGrid[i];
    }

    /** Index of this exact clock, or -1 when it is not in the table. */
    public int indexOfClock(long clockHz) {
        for (int i = 0; i < clocksHz.length; i++) {
            if (clocksHz[i] == clockHz) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the clock nearest to {@code clockHz} (the lower one on a tie), for configs that name
     * a clock not exactly in the table.
     */
    public int nearestClockIndex(long clockHz) {
        int best = 0;
        for (int i = 1; i < clocksHz.length; i++) {
            if (Math.abs(clocksHz[i] - clockHz) < Math.abs(clocksHz[best] - clockHz)) {
                best = i;
            }
        }
        return best;
    }

    /** The costs of one cut as a record (allocates; for reports). */
    public CutCost cut(int cut) {
        return new CutCost(
                cut,
                labels[cut],
                headSecondsAtMax[cut],
                bits[cut],
                tailSeconds[cut],
                headSources[cut],
                tailSources[cut],
                paretoOptimal[cut]);
    }

    /** All cuts as records. */
    public List<CutCost> cuts() {
        List<CutCost> out = new ArrayList<>(bits.length);
        for (int p = 0; p < bits.length; p++) {
            out.add(cut(p));
        }
        return out;
    }

    /**
     * One line saying where the costs came from, e.g. "resnet18 on jetson-tx2: head times MACs /
     * effective speed (100 GMAC/s) for 12 cuts, no work for 1; tail times ...".
     */
    public String describeSources() {
        return modelId
                + " on "
                + device.name()
                + " (edge "
                + edge.name()
                + ", "
                + wire.name().toLowerCase(java.util.Locale.ROOT)
                + " on the wire): head times "
                + count(headSources, device.gpu().macsPerSecondAtMax())
                + "; tail times "
                + count(tailSources, edge.macsPerSecond())
                + "; "
                + pareto.length
                + " of "
                + bits.length
                + " cuts are Pareto-optimal";
    }

    private static String count(CostSource[] sources, double macsPerSecond) {
        Map<CostSource, Integer> n = new EnumMap<>(CostSource.class);
        for (CostSource s : sources) {
            n.merge(s, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<CostSource, Integer> e : n.entrySet()) {
            String what = e.getKey().description();
            if (e.getKey() == CostSource.MAC_ESTIMATE) {
                what =
                        "MAC-derived ("
                                + String.format(java.util.Locale.ROOT, "%.3g", macsPerSecond / 1e9)
                                + " GMAC/s)";
            }
            parts.add(what + " for " + e.getValue() + (e.getValue() == 1 ? " cut" : " cuts"));
        }
        return String.join(", ", parts);
    }
}
