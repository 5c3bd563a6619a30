package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.Policy;
import io.edgesplit.core.controller.QueueState;
import io.edgesplit.core.controller.SlotInput;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.util.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trace-driven simulation of N devices over T slots for a list of policies and V values.
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
        Setup setup = new Setup(spec);
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
        for (int i = 0; i < runs.size(); i++) {
            String policy = runs.get(i)[0];
            double v = Double.parseDouble(runs.get(i)[1]);
            listener.runStarted(policy, v, i, runs.size());
            RunResult r = new Run(spec, setup, policy, v).execute();
            results.add(r);
            warnings.addAll(warningsFor(spec, r.summary()));
            listener.runFinished(r.summary(), i, runs.size());
        }
        return new SimulationResult(spec, results, setup.costSources(), warnings);
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

    /** Per-device inputs shared by all runs. */
    private static final class Setup {
        final int n;
        final DeviceProfile[] profiles;
        final ModelCosts[] costs;
        final double[][] capacity;
        final int[][] arrivals;
        final Map<String, ModelCosts> byType = new LinkedHashMap<>();

        Setup(SimulationSpec spec) {
            n = spec.deviceCount();
            profiles = new DeviceProfile[n];
            costs = new ModelCosts[n];
            capacity = new double[n][];
            arrivals = new int[n][];
            int d = 0;
            for (DeviceGroup g : spec.devices()) {
                ModelCosts c =
                        byType.computeIfAbsent(
                                g.device().name(),
                                k ->
                                        ModelCosts.of(
                                                spec.model(),
                                                g.device(),
                                                spec.edge(),
                                                spec.wire()));
                if (!c.device().equals(g.device())) {
                    throw new IllegalArgumentException(
                            "two different device profiles are both named '"
                                    + g.device().name()
                                    + "': give them different names");
                }
                int k = g.traces().size();
                int perTrace = (g.count() + k - 1) / k;
                for (int i = 0; i < g.count(); i++, d++) {
                    // the instance the costs hold, so the policies' device check is a reference
                    // comparison rather than a deep equals every slot
                    profiles[d] = c.device();
                    costs[d] = c;
                    BandwidthTrace trace = g.traces().get(i % k);
                    double offset = (i / k) * trace.durationSeconds() / perTrace;
                    capacity[d] = capacities(trace, offset, spec.slots(), spec.slotSeconds());
                    arrivals[d] = arrivals(g, spec.slots(), spec.slotSeconds(), spec.seed(), d);
                }
            }
        }

        List<String> costSources() {
            return byType.values().stream().map(ModelCosts::describeSources).toList();
        }

        private static double[] capacities(
                BandwidthTrace trace, double offset, int slots, double dt) {
            double[] c = new double[slots];
            for (int t = 0; t < slots; t++) {
                c[t] = trace.averageCapacity(offset + t * dt, dt);
            }
            return c;
        }

        private static int[] arrivals(DeviceGroup g, int slots, double dt, long seed, int device) {
            int[] a = new int[slots];
            if (g.arrivals() == ArrivalProcess.PERIODIC) {
                for (int t = 0; t < slots; t++) {
                    a[t] =
                            (int)
                                    (Math.floor((t + 1) * dt * g.fps() + 1e-9)
                                            - Math.floor(t * dt * g.fps() + 1e-9));
                }
                return a;
            }
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + device);
            double lambda = g.fps() * dt;
            for (int t = 0; t < slots; t++) {
                a[t] = poisson(rnd, lambda);
            }
            return a;
        }

        /** Knuth's method in chunks of mean ≤ 20 (exact; arrivals per slot are small). */
        static int poisson(SplittableRandom rnd, double lambda) {
            int total = 0;
            double left = lambda;
            while (left > 0) {
                double l = Math.min(left, 20);
                left -= l;
                double limit = Math.exp(-l);
                double p = rnd.nextDouble();
                int k = 0;
                while (p > limit) {
                    k++;
                    p *= rnd.nextDouble();
                }
                total += k;
            }
            return total;
        }
    }

    /** One policy at one V over all devices and slots. */
    private static final class Run {
        private final SimulationSpec spec;
        private final Setup setup;
        private final String policyName;
        private final double v;
        private final Policy policy;
        private final double dt;
        private final int slots;
        private final int warmup;
        private final double windowStart;

        private final FrameQueue[] compute;
        private final FrameQueue[] uplink;
        private final SlotSeries series;
        private double[] latencies = new double[1024];
        private int latencyCount;
        private long completedInWindow;

        Run(SimulationSpec spec, Setup setup, String policyName, double v) {
            this.spec = spec;
            this.setup = setup;
            this.policyName = policyName;
            this.v = v;
            ControllerConfig base = spec.controller();
            ControllerConfig cfg = (Double.isNaN(v) ? base : base.withV(v)).withPolicy(policyName);
            this.policy = Policies.create(policyName, cfg);
            this.dt = spec.slotSeconds();
            this.slots = spec.slots();
            this.warmup = spec.warmupSlots();
            this.windowStart = warmup * dt;
            this.compute = new FrameQueue[setup.n];
            this.uplink = new FrameQueue[setup.n];
            for (int d = 0; d < setup.n; d++) {
                compute[d] = new FrameQueue();
                uplink[d] = new FrameQueue();
            }
            this.series = new SlotSeries(slots);
        }

        RunResult execute() {
            int n = setup.n;
            QueueState[] state = new QueueState[n];
            Arrays.fill(state, QueueState.ZERO);
            long arrived = 0;
            long admitted = 0;
            double computeJ = 0;
            double radioJ = 0;
            double[] deviceJ = new double[n];
            double backlogS = 0;
            double backlogBits = 0;
            double clockSum = 0;
            double rho = spec.controller().uplinkReferenceBps();
            int cuts = spec.model().cuts().size();
            long[] cutCounts = new long[cuts];
            int mid = warmup + (slots - warmup) / 2;
            double yAtMid = 0;
            double yAtEnd = 0;
            double maxYEnd = 0;
            for (int t = 0; t < slots; t++) {
                boolean in = t >= warmup;
                double ySum = 0;
                double cutSum = 0;
                int cutDevices = 0;
                for (int d = 0; d < n; d++) {
                    QueueState s = state[d];
                    int a = setup.arrivals[d][t];
                    double cap = setup.capacity[d][t];
                    ControlDecision dec =
                            policy.decide(
                                    s,
                                    new SlotInput(t, a, cap, dt),
                                    setup.profiles[d],
                                    setup.costs[d]);
                    double mu =
                            dec.gpuClockHz() == 0
                                    ? 0
                                    : setup.profiles[d].gpu().speedAt(dec.gpuClockHz());
                    serveCompute(d, t, mu);
                    serveUplink(d, t, dec.uplinkBps());
                    ModelCosts c = setup.costs[d];
                    int cut = dec.cut();
                    for (int k = 0; k < dec.admitted(); k++) {
                        double capture = t * dt + (k + 0.5) * dt / a;
                        compute[d].add(
                                capture,
                                c.headSecondsAtMax(cut),
                                c.bits(cut),
                                c.tailSeconds(cut),
                                0);
                    }
                    if (in) {
                        arrived += a;
                        admitted += dec.admitted();
                        computeJ += dec.computeEnergyJ();
                        radioJ += dec.radioEnergyJ();
                        deviceJ[d] += dec.energyJ();
                        backlogS += s.computeBacklogS();
                        backlogBits += s.uplinkBacklogBits();
                        clockSum += dec.gpuClockHz();
                        cutCounts[cut] += dec.admitted();
                    }
                    if (dec.admitted() > 0) {
                        cutSum += cut;
                        cutDevices++;
                    }
                    series.add(SlotSeries.ARRIVALS, t, a);
                    series.add(SlotSeries.ADMITTED, t, dec.admitted());
                    series.add(SlotSeries.COMPUTE_J, t, dec.computeEnergyJ());
                    series.add(SlotSeries.RADIO_J, t, dec.radioEnergyJ());
                    series.add(SlotSeries.QC, t, s.computeBacklogS());
                    series.add(SlotSeries.QN, t, s.uplinkBacklogBits());
                    series.add(SlotSeries.CLOCK, t, dec.gpuClockHz() / 1e6 / n);
                    series.add(SlotSeries.RATE, t, dec.uplinkBps() / 1e6 / n);
                    series.add(SlotSeries.CAPACITY, t, cap / 1e6 / n);
                    state[d] = dec.after();
                    ySum += dec.after().powerQueue();
                    if (t == slots - 1) {
                        maxYEnd = Math.max(maxYEnd, dec.after().powerQueue());
                    }
                }
                series.set(SlotSeries.Y, t, ySum / n);
                series.set(SlotSeries.CUT, t, cutDevices == 0 ? Double.NaN : cutSum / cutDevices);
                if (t == mid) {
                    yAtMid = ySum / n;
                }
                if (t == slots - 1) {
                    yAtEnd = ySum / n;
                }
            }
            long inFlight = 0;
            for (int d = 0; d < n; d++) {
                inFlight += compute[d].size() + uplink[d].size();
            }
            int windowSlots = slots - warmup;
            double window = windowSlots * dt;
            double idleFloor = 0;
            for (int d = 0; d < n; d++) {
                idleFloor += setup.costs[d].idleW() * window;
            }
            double budget = spec.controller().powerBudgetW();
            double maxPower = 0;
            boolean over = false;
            for (int d = 0; d < n; d++) {
                double p = deviceJ[d] / window;
                maxPower = Math.max(maxPower, p);
                over |= !Double.isInfinite(budget) && p > budget * 1.01;
            }
            double[] lat = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(lat);
            List<Double> shares = new ArrayList<>();
            for (long cc : cutCounts) {
                shares.add(admitted == 0 ? 0.0 : (double) cc / admitted);
            }
            double energy = computeJ + radioJ;
            long done = completedInWindow;
            RunSummary summary =
                    new RunSummary(
                            policyName,
                            v,
                            n,
                            window,
                            arrived,
                            admitted,
                            arrived - admitted,
                            done,
                            inFlight,
                            done / window,
                            percentile(lat, 0.50),
                            percentile(lat, 0.95),
                            percentile(lat, 0.99),
                            lat.length == 0 ? Double.NaN : Arrays.stream(lat).average().orElse(0),
                            computeJ,
                            radioJ,
                            idleFloor,
                            done == 0 ? Double.NaN : energy / done,
                            done == 0 ? Double.NaN : (energy - idleFloor) / done,
                            energy / window / n,
                            maxPower,
                            backlogS / windowSlots / n,
                            backlogBits / windowSlots / n,
                            (backlogS + backlogBits / rho) / windowSlots / n,
                            maxYEnd,
                            slots - 1 > mid ? (yAtEnd - yAtMid) / (slots - 1 - mid) : 0,
                            over,
                            clockSum / windowSlots / n,
                            shares);
            return new RunResult(summary, spec.recordSlots() ? series : null);
        }

        /** Serves device d's compute FIFO during slot t at speed mu (work-seconds per second). */
        private void serveCompute(int d, int t, double mu) {
            FrameQueue q = compute[d];
            double tau = t * dt;
            double end = tau + dt;
            while (!q.isEmpty() && tau < end && mu > 0) {
                double need = q.remaining() / mu;
                if (tau + need <= end) {
                    tau += need;
                    uplink[d].add(q.capture(), 0, q.bits(), q.tail(), tau);
                    q.pop();
                } else {
                    q.setRemaining(q.remaining() - (end - tau) * mu);
                    tau = end;
                }
            }
        }

        /** Sends device d's uplink FIFO during slot t at rate r (bit/s). */
        private void serveUplink(int d, int t, double r) {
            FrameQueue q = uplink[d];
            double tau = t * dt;
            double end = tau + dt;
            while (!q.isEmpty() && tau < end) {
                double start = Math.max(tau, q.ready());
                if (start >= end) {
                    break;
                }
                double bits = q.bits();
                if (bits <= 0) {
                    complete(t, start, q);
                    tau = start;
                    continue;
                }
                if (r <= 0) {
                    break;
                }
                double need = bits / r;
                if (start + need <= end) {
                    tau = start + need;
                    complete(t, tau, q);
                } else {
                    q.setBits(bits - (end - start) * r);
                    tau = end;
                }
            }
        }

        private void complete(int t, double sentAt, FrameQueue q) {
            series.add(SlotSeries.COMPLETED, t, 1);
            if (sentAt >= windowStart) {
                completedInWindow++;
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencyCount * 2);
                }
                latencies[latencyCount++] = sentAt + q.tail() - q.capture();
            }
            q.pop();
        }

        private static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }
}
