package io.edgesplit.cli.model;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.partition.BandwidthTable;
import io.edgesplit.core.partition.CutComparison;
import io.edgesplit.core.partition.CutCompression;
import io.edgesplit.core.partition.DagCut;
import io.edgesplit.core.partition.PrefixCuts;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit partition}: the min-cut partition of a (DAG) model for one bandwidth. */
@Command(
        name = "partition",
        mixinStandardHelpOptions = true,
        description = {
            "Min-cut partition of a model between device and edge for one uplink bandwidth (any"
                    + " predecessor-closed device side, a tensor charged once), compared with the"
                    + " best prefix cut, device-only and edge-only; --table prints the"
                    + " bandwidth -> cut table instead. Costs from MACs and the profiles."
        })
public final class PartitionCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ModelOptions modelOptions;

    @Option(names = "--bandwidth", paramLabel = "BITS_PER_S", description = "Uplink bit/s.")
    private Double bandwidth;

    @Option(
            names = "--table",
            description = "Print the bandwidth -> cut table (1 kbit/s..1 Tbit/s).")
    private boolean table;

    @Option(
            names = "--compression-stats",
            description =
                    "Print the node count of the graph before and after CIC compression (nodes no"
                            + " optimal cut separates, at any bandwidth, merged).")
    private boolean compressionStats;

    @Option(
            names = "--compare",
            description =
                    "Print how much the min-cut saves against the best prefix cut and"
                            + " Neurosurgeon's choice, latency and energy, at 1e4..1e10 bit/s.")
    private boolean compare;

    @Option(
            names = "--clock",
            paramLabel = "HZ",
            description = "Device GPU clock in Hz, one of the profile's (default: its maximum).")
    private Long clockHz;

    @Option(
            names = "--device-type",
            paramLabel = "T",
            defaultValue = "jetson-tx2",
            description = "Device profile name or YAML file (default: ${DEFAULT-VALUE}).")
    private String deviceType;

    @Option(
            names = "--edge-server",
            paramLabel = "S",
            description = "Edge server profile name or YAML file (default: the built-in default).")
    private String edgeServer;

    @Option(
            names = "--objective",
            paramLabel = "latency|energy",
            defaultValue = "latency",
            description = "What the cut minimises (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Override
    public Integer call() {
        DagCut.Objective o = objective();
        int modes =
                (table ? 1 : 0)
                        + (bandwidth != null ? 1 : 0)
                        + (compressionStats ? 1 : 0)
                        + (compare ? 1 : 0);
        if (modes != 1) {
            throw new IllegalArgumentException(
                    "give exactly one of --bandwidth B, --table, --compression-stats and --compare");
        }
        if (bandwidth != null && (!(bandwidth > 0) || bandwidth.isInfinite())) {
            throw new IllegalArgumentException(
                    "--bandwidth must be a finite number > 0 bit/s, got " + bandwidth);
        }
        DeviceProfile device = DeviceProfiles.resolve(deviceType);
        EdgeServerProfile edge =
                edgeServer == null
                        ? EdgeServerProfiles.defaultProfile()
                        : EdgeServerProfiles.resolve(edgeServer);
        ModelGraph graph =
                ModelAnalyzer.analyze(modelOptions.resolve(), modelOptions.inputShape()).graph();
        long clock = clockHz == null ? device.maxClockHz() : clockHz;
        if (device.gpu().indexOf(clock) < 0) {
            throw new IllegalArgumentException(
                    "--clock "
                            + clock
                            + " Hz is not a GPU clock of "
                            + device.name()
                            + ": valid clocks are "
                            + device.gpu().clocksHz());
        }
        Conditions c = new Conditions(graph, device, clock, edge);
        PrintWriter out = spec.commandLine().getOut();
        if (compressionStats) {
            printCompression(out, graph);
        } else if (compare) {
            printComparison(out, c);
        } else if (table) {
            printTable(out, c, o);
        } else {
            printChoice(out, c, o, bandwidth);
        }
        return 0;
    }

    private record Conditions(
            ModelGraph graph, DeviceProfile device, long clock, EdgeServerProfile edge) {
        double cost(Partition p, double bps, DagCut.Objective o) {
            BitSet set = new BitSet();
            p.nodesOf(Partition.DEVICE).forEach(set::set);
            return DagCut.cost(graph, device, clock, edge, bps, o, set);
        }
    }

    private DagCut.Objective objective() {
        return switch (objective) {
            case "latency" -> DagCut.Objective.LATENCY;
            case "energy" -> DagCut.Objective.ENERGY;
            default ->
                    throw new IllegalArgumentException(
                            "--objective must be latency or energy, got '" + objective + "'");
        };
    }

    private void printChoice(PrintWriter out, Conditions c, DagCut.Objective o, double bps) {
        Partition minCut =
                DagCut.solve(c.graph(), c.device(), c.clock(), c.edge(), bps, o).partition();
        Partition prefix = null;
        for (Partition p : new PrefixCuts().candidates(c.graph())) {
            if (prefix == null || c.cost(p, bps, o) < c.cost(prefix, bps, o)) {
                prefix = p;
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add(row(c, "min-cut", minCut, bps));
        rows.add(row(c, "best-prefix", prefix, bps));
        rows.add(row(c, "device-only", Partition.allOnDevice(c.graph()), bps));
        rows.add(row(c, "edge-only", Partition.allOnEdge(c.graph()), bps));
        if (json) {
            out.println("[" + String.join(",", rows) + "]");
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s on %s at %d Hz, %.0f bit/s, objective %s%n",
                    c.graph().modelId(),
                    c.device().name(),
                    c.clock(),
                    bps,
                    objective);
            rows.forEach(out::println);
        }
    }

    private String row(Conditions c, String name, Partition p, double bps) {
        int device = p.nodesOf(Partition.DEVICE).size();
        int edge = p.nodesOf(Partition.EDGE).size();
        int tensors = p.boundary(0).size();
        long bytes = p.boundaryBytes(0);
        double latency = c.cost(p, bps, DagCut.Objective.LATENCY);
        double energy = c.cost(p, bps, DagCut.Objective.ENERGY);
        String fmt =
                json
                        ? "{\"cut\":\"%s\",\"deviceNodes\":%d,\"edgeNodes\":%d,\"tensorsSent\":%d,"
                                + "\"bytesSent\":%d,\"latencyMs\":%.6f,\"deviceEnergyJ\":%.9f}"
                        : "  %-12s device %4d nodes, edge %4d nodes, %2d tensors %,12d B sent,"
                                + " latency %10.3f ms, device energy %.6f J";
        return String.format(
                Locale.ROOT, fmt, name, device, edge, tensors, bytes, latency * 1e3, energy);
    }

    private void printComparison(PrintWriter out, Conditions c) {
        double[] bps = {1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
        List<CutComparison.Row> rows =
                CutComparison.compare(c.graph(), c.device(), c.clock(), c.edge(), bps);
        List<String> lines = new ArrayList<>();
        for (CutComparison.Row r : rows) {
            boolean latency = r.objective() == DagCut.Objective.LATENCY;
            double unit = latency ? 1e3 : 1;
            String fmt =
                    json
                            ? "{\"bps\":%.0f,\"objective\":\"%s\",\"minCut\":%.9g,"
                                    + "\"bestPrefix\":%.9g,\"gainOverPrefix\":%.6f,"
                                    + "\"neurosurgeon\":%.9g,\"gainOverNeurosurgeon\":%.6f}"
                            : "  %8.0e bit/s %-7s min-cut %12.4f, best prefix %12.4f (%5.1f%%),"
                                    + " neurosurgeon %12.4f (%5.1f%%)";
            double pct = json ? 1 : 100;
            lines.add(
                    String.format(
                            Locale.ROOT,
                            fmt,
                            r.bitsPerSecond(),
                            latency ? "latency" : "energy",
                            r.minCut() * unit,
                            r.bestPrefix() * unit,
                            r.gainOverPrefix() * pct,
                            r.neurosurgeon() * unit,
                            r.gainOverNeurosurgeon() * pct));
        }
        if (json) {
            out.println("[" + String.join(",", lines) + "]");
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s on %s at %d Hz: min-cut vs best prefix cut and Neurosurgeon's choice"
                            + " (latency in ms, device energy in J; saving in parentheses)%n",
                    c.graph().modelId(),
                    c.device().name(),
                    c.clock());
            lines.forEach(out::println);
        }
    }

    private void printCompression(PrintWriter out, ModelGraph graph) {
        int compressed = CutCompression.compress(graph).graph().nodeCount();
        String fmt =
                json
                        ? "{\"model\":\"%s\",\"nodes\":%d,\"compressedNodes\":%d,\"ratio\":%.2f}%n"
                        : "%s: %d nodes, %d after compression (%.1fx fewer)%n";
        out.printf(
                Locale.ROOT,
                fmt,
                graph.modelId(),
                graph.nodeCount(),
                compressed,
                (double) graph.nodeCount() / compressed);
    }

    private void printTable(PrintWriter out, Conditions c, DagCut.Objective o) {
        // computed on the compressed graph: the same optimal cuts, much faster
        BandwidthTable t =
                BandwidthTable.build(
                        CutCompression.compress(c.graph()),
                        c.device(),
                        c.clock(),
                        c.edge(),
                        o,
                        1e3,
                        1e12);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Partition p = t.cuts().get(i);
            String fmt =
                    json
                            ? "{\"fromBps\":%.6g,\"deviceNodes\":%d,\"tensorsSent\":%d,\"bytesSent\":%d}"
                            : "  from %14.6g bit/s: device %4d nodes, %2d tensors %,12d B sent";
            rows.add(
                    String.format(
                            Locale.ROOT,
                            fmt,
                            t.breakpoints()[i],
                            p.nodesOf(Partition.DEVICE).size(),
                            p.boundary(0).size(),
                            p.boundaryBytes(0)));
        }
        if (json) {
            out.println("[" + String.join(",", rows) + "]");
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s on %s at %d Hz, objective %s: %d entries%n",
                    c.graph().modelId(),
                    c.device().name(),
                    c.clock(),
                    objective,
                    t.size());
            rows.forEach(out::println);
        }
    }
}
