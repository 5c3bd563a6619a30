package io.edgesplit.core.partition;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The min-cut partition of a {@link ModelGraph} for one bandwidth, device clock and objective
 * ({@link MinCut} on costs derived from the profiles).
 *
 * <p>Node costs come from MACs: head time {@code macs / macsPerSecondAtMax · slowdown(clock)} on
 * the device, tail time {@code macs / macsPerSecond} on the edge; a tensor's transfer time is
 * {@code 8 · bytes / bandwidth}, charged once. Objective {@link Objective#LATENCY} sums the three
 * times; {@link Objective#ENERGY} charges the device's busy power at the clock for head time and
 * the radio's transmit power for transfer time (edge time costs the device nothing). A tensor whose
 * shape is not static cannot be carried and is never cut (infinite transfer cost; {@link #cost} of
 * a side that cuts it is infinite). The graph output is not charged for the way back.
 */
public final class DagCut {

    /** What the cut minimises. */
    public enum Objective {
        /** head + transfer + tail time. */
        LATENCY,
        /** device GPU energy of the head + radio energy of the transfer. */
        ENERGY
    }

    /** Cost of cutting a tensor that cannot be carried: such a tensor is never cut. */
    static final double NOT_CARRIABLE = Double.POSITIVE_INFINITY;

    /**
     * The chosen cut.
     *
     * @param partition device/edge partition
     * @param cost the objective's value (seconds or joules)
     */
    public record Choice(Partition partition, double cost) {}

    private DagCut() {}

    /** The min-cut partition of {@code graph} under the given conditions. */
    public static Choice solve(
            ModelGraph graph,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            double bitsPerSecond,
            Objective objective) {
        Problem p = problem(graph, device, clockHz, edge, bitsPerSecond, objective);
        MinCut.Result r = MinCut.solve(p.n, p.deviceCost, p.edgeCost, p.tensors);
        Set<Integer> nodes = new HashSet<>();
        r.device().stream().forEach(nodes::add);
        return new Choice(Partition.deviceEdge(graph, nodes), r.cost());
    }

    /** The objective's value of {@code deviceNodes} on the device, the rest on the edge. */
    public static double cost(
            ModelGraph graph,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            double bitsPerSecond,
            Objective objective,
            BitSet deviceNodes) {
        Problem p = problem(graph, device, clockHz, edge, bitsPerSecond, objective);
        return MinCut.cost(p.n, p.deviceCost, p.edgeCost, p.tensors, deviceNodes);
    }

    /** The cost arrays and tensors of the cut problem (package-private for tests). */
    record Problem(int n, double[] deviceCost, double[] edgeCost, List<MinCut.Tensor> tensors) {}

    static Problem problem(
            ModelGraph graph,
            DeviceProfile device,
            long clockHz,
            EdgeServerProfile edge,
            double bitsPerSecond,
            Objective objective) {
        if (!(bitsPerSecond > 0) || Double.isInfinite(bitsPerSecond)) {
            throw new IllegalArgumentException(
                    "bandwidth must be a finite number > 0 bit/s, got " + bitsPerSecond);
        }
        int clock = device.gpu().indexOf(clockHz);
        if (clock < 0) {
            throw new IllegalArgumentException(
                    "clock " + clockHz + " Hz is not in the GPU table of " + device.name());
        }
        double busyW = device.gpu().busyPowerW(clock);
        double txW = device.radio().txPowerW(bitsPerSecond);
        boolean energy = objective == Objective.ENERGY;
        int n = graph.nodeCount();
        double[] dev = new double[n];
        double[] edg = new double[n];
        for (int i = 0; i < n; i++) {
            long macs = graph.node(i).macs();
            double head =
                    macs / device.gpu().macsPerSecondAtMax() * device.gpu().slowdownAt(clockHz);
            dev[i] = energy ? head * busyW : head;
            edg[i] = energy ? 0 : macs / edge.macsPerSecond();
        }
        List<MinCut.Tensor> tensors = new ArrayList<>();
        for (ModelGraph.Tensor t : graph.tensors()) {
            if (t.consumers().isEmpty()) {
                continue;
            }
            double cost = NOT_CARRIABLE;
            if (t.carriable()) {
                double seconds = 8.0 * t.spec().bytes() / bitsPerSecond;
                cost = energy ? seconds * txW : seconds;
            }
            int producer = t.producer() == ModelGraph.GRAPH_INPUT ? MinCut.SOURCE : t.producer();
            int[] consumers = t.consumers().stream().mapToInt(Integer::intValue).toArray();
            tensors.add(new MinCut.Tensor(producer, consumers, cost));
        }
        return new Problem(n, dev, edg, tensors);
    }
}
