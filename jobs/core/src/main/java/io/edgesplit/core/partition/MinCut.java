package io.edgesplit.core.partition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Minimum-cost two-party cut of a DAG (DADS-style), solved as a minimum s-t cut with JGraphT's
 * push-relabel max-flow.
 *
 * <p>The device side is any predecessor-closed set of nodes. A node costs {@code deviceCost} on the
 * device and {@code edgeCost} on the edge; a tensor costs {@code transferCost} once when its
 * producer is on the device (or it is the graph input, producer {@link #SOURCE}) and at least one
 * consumer is on the edge, however many consumers it has. The once-per-tensor charge uses one
 * auxiliary node per tensor: producer → aux with the transfer cost, aux → each consumer with an
 * infinite capacity. Closure is enforced by an infinite arc consumer → producer. Costs may be times
 * (latency objective) or device energies; all must be non-negative and node costs finite. A
 * transfer cost of {@link Double#POSITIVE_INFINITY} marks a tensor that must not be cut (its
 * producer and consumers stay on one side; an input tensor's consumers stay on the device).
 */
public final class MinCut {

    /** Producer index meaning "the graph input", which is on the device. */
    public static final int SOURCE = -1;

    /**
     * A tensor of the problem.
     *
     * @param producer producing node or {@link #SOURCE}
     * @param consumers consuming nodes
     * @param transferCost cost of sending it once from device to edge
     */
    public record Tensor(int producer, int[] consumers, double transferCost) {
        public Tensor {
            Objects.requireNonNull(consumers, "consumers");
            consumers = consumers.clone();
        }
    }

    /**
     * The chosen cut.
     *
     * @param device nodes on the device (predecessor-closed)
     * @param cost total cost of the cut
     */
    public record Result(BitSet device, double cost) {}

    private static final double SCALE = 1e6;

    private MinCut() {}

    /** Solves the cut of {@code n} nodes with the given costs and tensors. */
    public static Result solve(
            int n, double[] deviceCost, double[] edgeCost, List<Tensor> tensors) {
        check(n, deviceCost, edgeCost, tensors);
        // JGraphT compares flows with an absolute epsilon (1e-9): costs are scaled so that they
        // sum to SCALE, which keeps the epsilon far below any cost that matters to the sum
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += deviceCost[i] + edgeCost[i];
        }
        for (Tensor t : tensors) {
            total += Double.isInfinite(t.transferCost()) ? 0 : t.transferCost();
        }
        double scale = total > 0 ? SCALE / total : 1;
        double big = 2 * SCALE + 1;
        SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        int s = n + tensors.size();
        int sink = s + 1;
        for (int v = 0; v <= sink; v++) {
            g.addVertex(v);
        }
        for (int i = 0; i < n; i++) {
            arc(g, s, i, scale * edgeCost[i]);
            arc(g, i, sink, scale * deviceCost[i]);
        }
        for (int k = 0; k < tensors.size(); k++) {
            Tensor t = tensors.get(k);
            int aux = n + k;
            int from = t.producer() == SOURCE ? s : t.producer();
            boolean uncut = Double.isInfinite(t.transferCost());
            arc(g, from, aux, uncut ? big : scale * t.transferCost());
            for (int c : t.consumers()) {
                arc(g, aux, c, big);
                if (t.producer() != SOURCE) {
                    arc(g, c, t.producer(), big);
                }
            }
        }
        PushRelabelMFImpl<Integer, DefaultWeightedEdge> flow = new PushRelabelMFImpl<>(g);
        flow.calculateMinCut(s, sink);
        Set<Integer> sourceSide = flow.getSourcePartition();
        BitSet device = new BitSet(n);
        for (int v : sourceSide) {
            if (v < n) {
                device.set(v);
            }
        }
        return new Result(device, cost(n, deviceCost, edgeCost, tensors, device));
    }

    /** The cost of putting {@code device} on the device and the rest on the edge. */
    public static double cost(
            int n, double[] deviceCost, double[] edgeCost, List<Tensor> tensors, BitSet device) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += device.get(i) ? deviceCost[i] : edgeCost[i];
        }
        for (Tensor t : tensors) {
            boolean sent = t.producer() == SOURCE || device.get(t.producer());
            boolean needed = false;
            for (int c : t.consumers()) {
                needed |= !device.get(c);
            }
            if (sent && needed) {
                total += t.transferCost();
            }
        }
        return total;
    }

    /** Whether {@code device} is predecessor-closed: no device node reads an edge node's tensor. */
    public static boolean closed(List<Tensor> tensors, BitSet device) {
        for (Tensor t : tensors) {
            if (t.producer() == SOURCE || device.get(t.producer())) {
                continue;
            }
            for (int c : t.consumers()) {
                if (device.get(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void arc(
            SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g,
            int from,
            int to,
            double capacity) {
        DefaultWeightedEdge e = g.getEdge(from, to);
        if (e == null) {
            e = g.addEdge(from, to);
            g.setEdgeWeight(e, capacity);
        } else {
            g.setEdgeWeight(e, Math.min(g.getEdgeWeight(e) + capacity, Double.MAX_VALUE));
        }
    }

    private static void check(int n, double[] deviceCost, double[] edgeCost, List<Tensor> tensors) {
        if (deviceCost.length != n || edgeCost.length != n) {
            throw new IllegalArgumentException("cost arrays must have " + n + " entries");
        }
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(deviceCost[i]);
            all.add(edgeCost[i]);
        }
        for (Tensor t : tensors) {
            if (t.transferCost() != Double.POSITIVE_INFINITY) {
                all.add(t.transferCost());
            }
            if (t.producer() < SOURCE || t.producer() >= n) {
                throw new IllegalArgumentException("bad producer " + t.producer());
            }
            for (int c : t.consumers()) {
                if (c < 0 || c >= n || c == t.producer()) {
                    throw new IllegalArgumentException("bad consumer " + c);
                }
            }
        }
        for (double c : all) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("costs must be finite and >= 0, got " + c);
            }
        }
    }
}
