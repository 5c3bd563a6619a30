package io.edgesplit.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Plans a model on a network of devices with one of the algorithms: PSO placement (the default),
 * exhaustive search over placements (up to {@value #EXHAUSTIVE_LIMIT} devices), greedy, inter-layer
 * only (one device per stage), data parallel and the best single device. Every pipeline algorithm
 * chooses a placement and gets its cuts from {@link InterLayerDp}; all are deterministic.
 */
public final class Planner {

    /** The largest network exhaustive search accepts. */
    public static final int EXHAUSTIVE_LIMIT = 7;

    /** The planning algorithms. */
    public enum Algorithm {
        PSO("pso"),
        EXHAUSTIVE("exhaustive"),
        GREEDY("greedy"),
        INTER_ONLY("inter-only"),
        DATA_PARALLEL("data-parallel"),
        SINGLE("single");

        private final String label;

        Algorithm(String label) {
            this.label = label;
        }

        /** The name used on the command line and in plans. */
        public String label() {
            return label;
        }

        /** Parses a name, failing with one line listing the names. */
        public static Algorithm parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Algorithm a : values()) {
                if (a.label.equals(n)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(
                    "--algorithm must be one of "
                            + String.join(
                                    ", ", Arrays.stream(values()).map(Algorithm::label).toList())
                            + ", got '"
                            + name
                            + "'");
        }
    }

    private Planner() {}

    /** Plans {@code model} on {@code network}; {@code seed} drives PSO only. */
    public static Plan plan(
            PipelineModel model, DeviceNetwork network, Algorithm algorithm, long seed) {
        CostModel cost = new CostModel(model, network);
        return switch (algorithm) {
            case PSO -> pipeline(cost, algorithm, new PsoPlacement(cost, seed).search());
            case EXHAUSTIVE -> pipeline(cost, algorithm, exhaustive(cost));
            case GREEDY -> pipeline(cost, algorithm, greedy(cost));
            case INTER_ONLY -> pipeline(cost, algorithm, interOnly(cost));
            case DATA_PARALLEL -> dataParallel(cost);
            case SINGLE -> pipeline(cost, algorithm, single(cost));
        };
    }

    /** The bottleneck time of a placement given as labels (infinite if none or nothing fits). */
    static double evaluate(CostModel cost, int[] labels) {
        return evaluate(cost, labels, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #evaluate(CostModel, int[])}, infinite when the placement cannot beat {@code cap}.
     */
    static double evaluate(CostModel cost, int[] labels, double cap) {
        List<int[]> groups = Placement.groups(labels);
        return groups.isEmpty()
                ? Double.POSITIVE_INFINITY
                : InterLayerDp.solve(cost, groups, cap).period();
    }

    /** The plan of a placement: its DP cuts and every stage's description. */
    static Plan pipeline(CostModel cost, Algorithm algorithm, int[] labels) {
        List<int[]> groups = Placement.groups(labels);
        String model = cost.model().graph().modelId();
        InterLayerDp.Result r =
                groups.isEmpty()
                        ? new InterLayerDp.Result(Double.POSITIVE_INFINITY, new int[0])
                        : InterLayerDp.solve(cost, groups);
        if (r.period() >= CostModel.INFEASIBLE_S) {
            return new Plan(algorithm.label(), model, false, List.of(), Double.POSITIVE_INFINITY);
        }
        List<StagePlan> stages = new ArrayList<>();
        int prev = cost.network().source();
        for (int i = 0; i < groups.size(); i++) {
            StagePlan s = cost.stage(groups.get(i), prev, r.cuts()[i], r.cuts()[i + 1]);
            stages.add(s);
            prev = s.leader();
        }
        return new Plan(algorithm.label(), model, false, stages, r.period());
    }

    /** Every placement of up to {@value #EXHAUSTIVE_LIMIT} devices; the best labels. */
    static int[] exhaustive(CostModel cost) {
        int n = cost.network().size();
        if (n > EXHAUSTIVE_LIMIT) {
            throw new IllegalArgumentException(
                    "--algorithm exhaustive handles up to "
                            + EXHAUSTIVE_LIMIT
                            + " devices, got "
                            + n
                            + ": use pso");
        }
        int[] labels = new int[n];
        int[] best = null;
        double bestTime = Double.POSITIVE_INFINITY;
        long total = (long) Math.pow(n + 1, n);
        for (long code = 0; code < total; code++) {
            long c = code;
            int used = 0;
            for (int d = 0; d < n; d++) {
                labels[d] = (int) (c % (n + 1));
                c /= n + 1;
                if (labels[d] > 0) {
                    used |= 1 << (labels[d] - 1);
                }
            }
            if (used == 0 || (used & (used + 1)) != 0) {
                continue; // stage labels must be exactly 1..k: each placement once
            }
            double t = evaluate(cost, labels, bestTime);
            if (t < bestTime) {
                bestTime = t;
                best = labels.clone();
            }
        }
        return best == null ? new int[n] : best;
    }

    /** Devices fastest first (lowest index among equals). */
    static int[] bySpeed(CostModel cost) {
        return IntStream.range(0, cost.network().size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer d) -> -cost.speed(d)))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * Greedy: the fastest device alone, then each next device (fastest first) where it helps most:
     * into an existing stage or as a new stage at any position; left out if nothing helps.
     */
    static int[] greedy(CostModel cost) {
        int n = cost.network().size();
        int[] order = bySpeed(cost);
        List<int[]> groups = new ArrayList<>();
        groups.add(new int[] {order[0]});
        double current = evaluate(cost, Placement.labels(groups, n));
        for (int i = 1; i < n; i++) {
            int d = order[i];
            List<int[]> bestGroups = null;
            double best = current;
            for (List<int[]> candidate : insertions(groups, d)) {
                double t = evaluate(cost, Placement.labels(candidate, n), best);
                if (t < best) {
                    best = t;
                    bestGroups = candidate;
                }
            }
            if (bestGroups != null) {
                groups = bestGroups;
                current = best;
            }
        }
        return Placement.labels(groups, n);
    }

    private static List<List<int[]>> insertions(List<int[]> groups, int d) {
        List<List<int[]>> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<int[]> c = new ArrayList<>(groups);
            int[] grown = Arrays.copyOf(groups.get(g), groups.get(g).length + 1);
            grown[grown.length - 1] = d;
            c.set(g, grown);
            out.add(c);
        }
        for (int pos = 0; pos <= groups.size(); pos++) {
            List<int[]> c = new ArrayList<>(groups);
            c.add(pos, new int[] {d});
            out.add(c);
        }
        return out;
    }

    /** One device per stage: the m fastest devices in network order, for the best m. */
    static int[] interOnly(CostModel cost) {
        int n = cost.network().size();
        int[] order = bySpeed(cost);
        int[] best = new int[n];
        double bestTime = Double.POSITIVE_INFINITY;
        for (int m = 1; m <= n; m++) {
            int[] chosen = Arrays.copyOf(order, m);
            Arrays.sort(chosen);
            int[] labels = new int[n];
            for (int i = 0; i < m; i++) {
                labels[chosen[i]] = i + 1;
            }
            double t = evaluate(cost, labels);
            if (t < bestTime) {
                bestTime = t;
                best = labels;
            }
        }
        return best;
    }

    /** The one device that runs the whole model fastest, input from the source included. */
    static int[] single(CostModel cost) {
        int n = cost.network().size();
        int[] best = new int[n];
        double bestTime = Double.POSITIVE_INFINITY;
        for (int d = 0; d < n; d++) {
            int[] labels = new int[n];
            labels[d] = 1;
            double t = evaluate(cost, labels);
            if (t < bestTime) {
                bestTime = t;
                best = labels;
            }
        }
        return best;
    }

    /** Every device that can hold the model runs it on a share of the frames. */
    static Plan dataParallel(CostModel cost) {
        PipelineModel m = cost.model();
        DeviceNetwork net = cost.network();
        int last = m.cutCount() - 1;
        List<StagePlan.Member> members = new ArrayList<>();
        double rate = 0;
        long memory = m.weightBytes(0, m.nodeCount()) + m.activationBytes(0, last);
        for (int d = 0; d < net.size(); d++) {
            if (memory > net.device(d).memoryBytes()) {
                continue;
            }
            double in = net.transferS(net.source(), d, m.liveBytes(0));
            double compute = m.macs(0, m.nodeCount()) / cost.speed(d);
            rate += 1 / (in + compute);
            members.add(new StagePlan.Member(d, 1 / (in + compute), 0, 0, in, compute, 0, memory));
        }
        String model = m.graph().modelId();
        if (members.isEmpty()) {
            return new Plan("data-parallel", model, true, List.of(), Double.POSITIVE_INFINITY);
        }
        double total = rate;
        List<StagePlan.Member> shared =
                members.stream()
                        .map(
                                x ->
                                        new StagePlan.Member(
                                                x.device(),
                                                x.share() / total,
                                                0,
                                                0,
                                                x.inS(),
                                                x.computeS(),
                                                0,
                                                x.memoryBytes()))
                        .toList();
        StagePlan stage =
                new StagePlan(0, last, 0, m.nodeCount(), 0, net.source(), shared, 0, 1 / total);
        return new Plan("data-parallel", model, true, List.of(stage), 1 / total);
    }
}
