package io.edgesplit.onnx.bench;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.partition.BandwidthTable;
import io.edgesplit.core.partition.CutCompression;
import io.edgesplit.core.partition.DagCut;
import io.edgesplit.core.partition.RandomDags;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One two-party cut decision for a bandwidth, three ways, in the same run:
 *
 * <ul>
 *   <li>{@code fullMinCut}: {@link DagCut#solve} on the model's full graph (DADS);
 *   <li>{@code compressedMinCut}: the same on the {@link CutCompression} graph, expanded back to a
 *       partition of the full graph (CIC);
 *   <li>{@code tableLookup}: {@link BandwidthTable#lookup} in the table built (offline, on the
 *       compressed graph) for 1 kbit/s..1 Tbit/s.
 * </ul>
 *
 * Graphs: {@code densenet121} (306 nodes, the zoo's biggest DAG), {@code mobilenetv2} (100), and
 * {@code random-300}: a random 300-node DAG (skip connections, multi-output nodes, random MACs and
 * tensor sizes, seed 300); {@code shrinking-300}: the same with tensor sizes falling with depth,
 * which has more optimal cuts. Latency objective, jetson-tx2 at its maximum clock, default edge
 * server; 64 log-uniform bandwidths are cycled.
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp CLASSPATH org.openjdk.jmh.Main MinCutBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MinCutBenchmark {

    @Param({"densenet121", "mobilenetv2", "random-300", "shrinking-300"})
    public String graph;

    private ModelGraph full;
    private CutCompression.Compressed compressed;
    private BandwidthTable table;
    private DeviceProfile device;
    private long clock;
    private final EdgeServerProfile edge = EdgeServerProfiles.defaultProfile();
    private final double[] bandwidths = new double[64];
    private int next;

    @Setup
    public void setUp() {
        full =
                graph.endsWith("-300")
                        ? RandomDags.dag(
                                new Random(300),
                                "random-300",
                                300,
                                0,
                                graph.startsWith("shrinking"))
                        : ModelAnalyzer.analyze(ModelZoo.build(graph), null).graph();
        compressed = CutCompression.compress(full);
        device = DeviceProfiles.builtin("jetson-tx2");
        clock = device.maxClockHz();
        table =
                BandwidthTable.build(
                        compressed, device, clock, edge, DagCut.Objective.LATENCY, 1e3, 1e12);
        Random random = new Random(64);
        for (int i = 0; i < bandwidths.length; i++) {
            bandwidths[i] = Math.pow(10, 3 + 9 * random.nextDouble());
        }
        System.out.printf(
                "%n%s: %d nodes, %d after compression, %d table entries%n",
                graph, full.nodeCount(), compressed.graph().nodeCount(), table.size());
    }

    private double bandwidth() {
        return bandwidths[next++ & (bandwidths.length - 1)];
    }

    @Benchmark
    public Partition fullMinCut() {
        return DagCut.solve(full, device, clock, edge, bandwidth(), DagCut.Objective.LATENCY)
                .partition();
    }

    @Benchmark
    public Partition compressedMinCut() {
        DagCut.Choice c =
                DagCut.solve(
                        compressed.graph(),
                        device,
                        clock,
                        edge,
                        bandwidth(),
                        DagCut.Objective.LATENCY);
        return compressed.expand(c.partition());
    }

    @Benchmark
    public Partition tableLookup() {
        return table.lookup(bandwidth());
    }
}
