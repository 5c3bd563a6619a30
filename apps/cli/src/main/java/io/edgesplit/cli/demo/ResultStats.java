package io.edgesplit.cli.demo;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.ResultStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running statistics over InferenceResult records, overall and per group (policy or device):
 * outcome counts, end-to-end latency percentiles, energy per frame, cut usage, throughput over the
 * scenario's time. Not thread-safe.
 */
public final class ResultStats {

    /** Statistics of one group. */
    public static final class Group {
        private long ok;
        private long skipped;
        private long failed;
        private double energyJ;
        private double[] latencies = new double[256];
        private int n;
        private boolean sorted = true;
        private final TreeMap<Integer, Long> cuts = new TreeMap<>();
        private final Map<String, Long> failures = new LinkedHashMap<>();

        void add(InferenceResult r) {
            energyJ += r.getEnergyJ();
            if (r.getStatus() == ResultStatus.OK) {
                ok++;
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = r.getEndToEndMs();
                sorted = false;
                cuts.merge(r.getCut(), 1L, Long::sum);
            } else if (r.getStatus() == ResultStatus.SKIPPED) {
                skipped++;
            } else {
                failed++;
                String reason = r.getReason() == null ? "unknown" : r.getReason();
                if (failures.size() < 20 || failures.containsKey(reason)) {
                    failures.merge(reason, 1L, Long::sum);
                }
            }
        }

        public long total() {
            return ok + skipped + failed;
        }

        public long ok() {
            return ok;
        }

        public long skipped() {
            return skipped;
        }

        public long failed() {
            return failed;
        }

        /** Latency percentile of OK frames in ms, NaN when none. */
        public double latencyPercentile(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            if (!sorted) {
                // their order means nothing: sort in place, once per batch of new values
                Arrays.sort(latencies, 0, n);
                sorted = true;
            }
            int idx = (int) Math.ceil(p / 100.0 * n) - 1;
            return latencies[Math.max(0, Math.min(n - 1, idx))];
        }

        /** Device energy per processed frame, J (energy of skipped frames included). */
        public double joulesPerFrame() {
            return ok == 0 ? Double.NaN : energyJ / ok;
        }

        /** Processed frames per second over {@code spanSeconds}. */
        public double framesPerSecond(double spanSeconds) {
            return spanSeconds <= 0 ? Double.NaN : ok / spanSeconds;
        }

        /** The most used cut, -1 when none. */
        public int modeCut() {
            return cuts.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(-1);
        }

        public Map<String, Long> failureReasons() {
            return failures;
        }
    }

    private final Group all = new Group();
    private final Map<String, Group> byPolicy = new TreeMap<>();
    private final Map<String, Group> byDevice = new TreeMap<>();

    public void add(InferenceResult r) {
        all.add(r);
        String policy = r.getPolicy() == null ? "(no decision)" : r.getPolicy();
        byPolicy.computeIfAbsent(policy, k -> new Group()).add(r);
        byDevice.computeIfAbsent(r.getDeviceId(), k -> new Group()).add(r);
    }

    public Group all() {
        return all;
    }

    public Map<String, Group> byPolicy() {
        return byPolicy;
    }

    public Map<String, Group> byDevice() {
        return byDevice;
    }

    /** A fixed-width table with one row per group. */
    public static String table(String groupTitle, Map<String, Group> groups, double spanSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-22s %7s %7s %7s %7s %9s %9s %9s %9s %8s%n",
                        groupTitle,
                        "frames",
                        "ok",
                        "skipped",
                        "failed",
                        "frames/s",
                        "p50 ms",
                        "p95 ms",
                        "J/frame",
                        "cut"));
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %7d %7d %7d %7d %9.1f %9.1f %9.1f %9.3f %8s%n",
                            e.getKey(),
                            g.total(),
                            g.ok(),
                            g.skipped(),
                            g.failed(),
                            g.framesPerSecond(spanSeconds),
                            g.latencyPercentile(50),
                            g.latencyPercentile(95),
                            g.joulesPerFrame(),
                            g.modeCut() < 0 ? "-" : Integer.toString(g.modeCut())));
        }
        return sb.toString();
    }
}
