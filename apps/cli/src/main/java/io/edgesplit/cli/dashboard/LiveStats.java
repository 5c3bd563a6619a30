package io.edgesplit.cli.dashboard;

import io.edgesplit.avro.Decision;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.cli.dashboard.DashboardSnapshot.DeviceBacklog;
import io.edgesplit.cli.dashboard.DashboardSnapshot.Distribution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The dashboard's live statistics over the results, decisions and dead letters a consumer reads.
 * Thread-safe: one thread feeds records, any thread takes {@link #snapshot()}s.
 *
 * <p>A record costs a few counter updates (and for a decision one map lookup); the work of a chart
 * point happens once per wall-clock second, lazily, when the next record or snapshot comes. Each
 * point covers the last {@value #WINDOW_S} seconds, which smooths the bursts a {@code
 * read_committed} consumer sees when the job commits its transactions on checkpoints.
 */
public final class LiveStats {

    /** Seconds each chart point looks back. */
    public static final int WINDOW_S = 5;

    /** Points kept (one per second): an hour. */
    static final int MAX_POINTS = 3600;

    /** Devices that get a backlog line of their own; with more, a line of the maximum is added. */
    static final int MAX_DEVICE_LINES = 16;

    private static final long SECOND_NS = 1_000_000_000L;

    /** The shortest part second that gets a last point of its own at the end. */
    private static final double MIN_PART_S = 0.25;

    private final String title;
    private final String description;
    private final String flinkUi;
    private final long expectedOutcomes;
    private final LongSupplier nanoClock;
    private final long start;

    private final Slot[] window = new Slot[WINDOW_S];
    private long second;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    private long ok;
    private long skipped;
    private long failed;
    private long deadLetters;
    private long decisions;
    private double energyJ;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final TreeMap<Integer, long[]> cuts = new TreeMap<>();
    private final TreeMap<Long, long[]> clocks = new TreeMap<>();
    private final TreeMap<Integer, long[]> batchSizes = new TreeMap<>();
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final List<DeviceState> lined = new ArrayList<>();

    private double streamStartS = Double.NaN;
    private boolean finished;
    private double finishedAtS;
    private String summary;

    /**
     * @param title page title
     * @param description one line about the run
     * @param flinkUi URL of the Flink web UI, or null
     * @param expectedOutcomes outcomes the run expects, 0 when unknown
     */
    public LiveStats(String title, String description, String flinkUi, long expectedOutcomes) {
        this(title, description, flinkUi, expectedOutcomes, System::nanoTime);
    }

    LiveStats(
            String title,
            String description,
            String flinkUi,
            long expectedOutcomes,
            LongSupplier nanoClock) {
        this.title = title;
        this.description = description;
        this.flinkUi = flinkUi;
        this.expectedOutcomes = expectedOutcomes;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        for (int i = 0; i < WINDOW_S; i++) {
            window[i] = new Slot();
        }
    }

    /** Counts one outcome (call once per frame: duplicates are the caller's to drop). */
    public synchronized void onResult(InferenceResult r) {
        advance();
        Slot s = slot();
        energyJ += r.getEnergyJ();
        s.energyJ += r.getEnergyJ();
        switch (r.getStatus()) {
            case OK -> {
                ok++;
                s.ok++;
                latencies.add(r.getEndToEndMs());
                s.latencies.add(r.getEndToEndMs());
                count(batchSizes, r.getBatchSize());
            }
            case SKIPPED -> {
                skipped++;
                s.notOk++;
            }
            case FAILED -> {
                failed++;
                s.notOk++;
            }
        }
    }

    /** Counts one controller decision and keeps its device's queue backlogs. */
    public synchronized void onDecision(Decision d) {
        advance();
        decisions++;
        count(cuts, d.getCut());
        count(clocks, d.getGpuClockHz());
        DeviceState device = devices.get(d.getDeviceId());
        if (device == null) {
            device = new DeviceState(d.getDeviceId());
            devices.put(device.id, device);
            if (lined.size() < MAX_DEVICE_LINES) {
                lined.add(device);
            }
        }
        device.computeS = d.getComputeBacklogS();
        device.uplinkBits = d.getUplinkBacklogBits();
    }

    /** Marks the moment the first frame is sent (the page draws a line there). */
    public synchronized void streamStarted() {
        if (Double.isNaN(streamStartS)) {
            streamStartS = elapsedS();
        }
    }

    /** Counts one dead letter. */
    public synchronized void onDeadLetter() {
        advance();
        deadLetters++;
    }

    /**
     * Ends the run: adds a last point for the part second since the previous one, stops the clock,
     * and keeps the summary text for the page.
     */
    public synchronized void finish(String summaryText) {
        if (finished) {
            return;
        }
        advance();
        double now = elapsedS();
        double part = now - second;
        if (part >= MIN_PART_S) {
            points(now, Math.min(now, WINDOW_S - 1 + part));
        }
        finished = true;
        finishedAtS = now;
        summary = summaryText;
    }

    /** A copy of everything the page shows. */
    public synchronized DashboardSnapshot snapshot() {
        advance();
        int n = points.size();
        double[] t = new double[n];
        Double[] okRate = new Double[n];
        Double[] notOkRate = new Double[n];
        Double[] p50 = new Double[n];
        Double[] p95 = new Double[n];
        Double[] joules = new Double[n];
        List<Double[]> compute = new ArrayList<>();
        List<Double[]> uplink = new ArrayList<>();
        int lines = lined.size() + (devices.size() > lined.size() ? 1 : 0);
        for (int d = 0; d < lines; d++) {
            compute.add(new Double[n]);
            uplink.add(new Double[n]);
        }
        int i = 0;
        for (Point p : points) {
            t[i] = p.t;
            okRate[i] = p.okPerS;
            notOkRate[i] = p.notOkPerS;
            p50[i] = value(p.p50Ms);
            p95[i] = value(p.p95Ms);
            joules[i] = value(p.joulesPerFrame);
            for (int d = 0; d < lined.size(); d++) {
                if (d < p.computeS.length) {
                    compute.get(d)[i] = value(p.computeS[d] * 1e3);
                    uplink.get(d)[i] = value(p.uplinkBits[d] / 1e3);
                }
            }
            if (lines > lined.size()) {
                compute.get(lines - 1)[i] = value(p.maxComputeS * 1e3);
                uplink.get(lines - 1)[i] = value(p.maxUplinkBits / 1e3);
            }
            i++;
        }
        List<DeviceBacklog> backlogs = new ArrayList<>();
        for (int d = 0; d < lined.size(); d++) {
            backlogs.add(new DeviceBacklog(lined.get(d).id, compute.get(d), uplink.get(d)));
        }
        if (lines > lined.size()) {
            backlogs.add(
                    new DeviceBacklog(
                            "max of " + devices.size() + " devices",
                            compute.get(lines - 1),
                            uplink.get(lines - 1)));
        }
        backlogs.sort(Comparator.comparing(DeviceBacklog::device));
        Point last = points.peekLast();
        DashboardSnapshot.Totals totals =
                new DashboardSnapshot.Totals(
                        ok + skipped + failed,
                        ok,
                        skipped,
                        failed,
                        deadLetters,
                        decisions,
                        last == null ? null : last.okPerS,
                        value(latencies.percentile(50)),
                        value(latencies.percentile(95)),
                        ok == 0 ? null : energyJ / ok);
        return new DashboardSnapshot(
                title,
                description,
                flinkUi,
                finished ? "finished" : "running",
                finished ? finishedAtS : elapsedS(),
                value(streamStartS),
                expectedOutcomes,
                totals,
                new DashboardSnapshot.Series(
                        WINDOW_S, t, okRate, notOkRate, p50, p95, joules, backlogs, devices.size()),
                distribution(cuts, String::valueOf),
                distribution(clocks, hz -> String.format(Locale.ROOT, "%.0f", hz / 1e6)),
                distribution(batchSizes, String::valueOf),
                summary);
    }

    /** Closes every whole second since the last call, one point each. */
    private void advance() {
        if (finished) {
            return;
        }
        long now = (nanoClock.getAsLong() - start) / SECOND_NS;
        while (second < now) {
            points(second + 1, Math.min(WINDOW_S, second + 1));
            second++;
            slot().clear(); // it held the second that just left the window
        }
    }

    private void points(double t, double windowS) {
        long windowOk = 0;
        long windowNotOk = 0;
        double windowEnergy = 0;
        LatencyHistogram h = new LatencyHistogram();
        for (Slot s : window) {
            windowOk += s.ok;
            windowNotOk += s.notOk;
            windowEnergy += s.energyJ;
            h.addAll(s.latencies);
        }
        double[] computeS = new double[lined.size()];
        double[] uplinkBits = new double[lined.size()];
        for (int d = 0; d < lined.size(); d++) {
            computeS[d] = lined.get(d).computeS;
            uplinkBits[d] = lined.get(d).uplinkBits;
        }
        double maxCompute = Double.NaN;
        double maxUplink = Double.NaN;
        if (devices.size() > lined.size()) {
            for (DeviceState d : devices.values()) {
                maxCompute =
                        Double.isNaN(maxCompute) ? d.computeS : Math.max(maxCompute, d.computeS);
                maxUplink =
                        Double.isNaN(maxUplink) ? d.uplinkBits : Math.max(maxUplink, d.uplinkBits);
            }
        }
        points.addLast(
                new Point(
                        t,
                        windowOk / windowS,
                        windowNotOk / windowS,
                        h.percentile(50),
                        h.percentile(95),
                        windowOk == 0 ? Double.NaN : windowEnergy / windowOk,
                        computeS,
                        uplinkBits,
                        maxCompute,
                        maxUplink));
        if (points.size() > MAX_POINTS) {
            points.removeFirst();
        }
    }

    private Slot slot() {
        return window[(int) (second % WINDOW_S)];
    }

    private double elapsedS() {
        return (nanoClock.getAsLong() - start) / 1e9;
    }

    private static <K> void count(TreeMap<K, long[]> counts, K key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    private static <K> Distribution distribution(
            TreeMap<K, long[]> counts, Function<K, String> label) {
        List<String> labels = new ArrayList<>(counts.size());
        List<Long> values = new ArrayList<>(counts.size());
        counts.forEach(
                (k, v) -> {
                    labels.add(label.apply(k));
                    values.add(v[0]);
                });
        return new Distribution(labels, values);
    }

    private static Double value(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** What one second of the window collected. */
    private static final class Slot {
        long ok;
        long notOk;
        double energyJ;
        final LatencyHistogram latencies = new LatencyHistogram();

        void clear() {
            ok = 0;
            notOk = 0;
            energyJ = 0;
            latencies.clear();
        }
    }

    /** The latest backlogs of one device. */
    private static final class DeviceState {
        final String id;
        double computeS = Double.NaN;
        double uplinkBits = Double.NaN;

        DeviceState(String id) {
            this.id = id;
        }
    }

    private record Point(
            double t,
            double okPerS,
            double notOkPerS,
            double p50Ms,
            double p95Ms,
            double joulesPerFrame,
            double[] computeS,
            double[] uplinkBits,
            double maxComputeS,
            double maxUplinkBits) {}
}
