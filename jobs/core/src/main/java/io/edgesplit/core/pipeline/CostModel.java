package io.edgesplit.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline cost model: a stage's time per frame is the slowest of its devices (receive its
 * share of the input with halos from the previous stage's leader, compute its share, send its rows
 * to the leader) plus the leader's time for the part that cannot be split. Compute time is MACs
 * over the device's effective MAC rate at the maximum clock; links are independent (no contention).
 * A stage whose device cannot hold its weights and largest activation takes forever.
 *
 * <p>Stage times of multi-device stages are cached by (devices, previous leader, cuts), so
 * evaluating many placements over the same model is cheap. Not thread-safe.
 */
public final class CostModel {

    /**
     * Stage times from here up mean the stage does not fit in memory: such a stage costs this plus
     * this times its overflow ratio, so a search still sees which placement is closer to fitting.
     */
    public static final double INFEASIBLE_S = 1e6;

    private final PipelineModel model;
    private final DeviceNetwork network;
    private final double[] speed;
    private final Map<Long, Double> cache = new HashMap<>();

    public CostModel(PipelineModel model, DeviceNetwork network) {
        if (network.size() > 31) {
            throw new IllegalArgumentException(
                    "the planner handles up to 31 devices, got " + network.size());
        }
        this.model = model;
        this.network = network;
        this.speed = new double[network.size()];
        for (int d = 0; d < speed.length; d++) {
            speed[d] = network.device(d).macsPerSecond();
        }
    }

    public PipelineModel model() {
        return model;
    }

    public DeviceNetwork network() {
        return network;
    }

    /** Effective MAC/s of device {@code d}. */
    public double speed(int d) {
        return speed[d];
    }

    /** The group's leader: its fastest device, the lowest index among equals. */
    public int leader(int[] group) {
        int best = group[0];
        for (int d : group) {
            if (speed[d] > speed[best] || speed[d] == speed[best] && d < best) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Seconds per frame of {@code group} running cuts {@code a..b} with input from {@code prev}.
     */
    public double time(int[] group, int prev, int a, int b) {
        if (group.length == 1) {
            return single(group[0], prev, a, b);
        }
        long mask = 0;
        for (int d : group) {
            mask |= 1L << d;
        }
        long key = (((mask << 5 | prev) << 12 | a) << 12) | b;
        Double cached = cache.get(key);
        if (cached == null) {
            cached = stage(group, prev, a, b).timeS();
            cache.put(key, cached);
        }
        return cached;
    }

    /**
     * A lower bound of {@link #time}: exact for one device; for several, the stage's MACs spread
     * over their summed speed (no halos, no transfers, no whole part). O(1).
     */
    public double lowerBound(int[] group, double groupSpeed, int prev, int a, int b) {
        if (group.length == 1) {
            return single(group[0], prev, a, b);
        }
        return model.macs(model.position(a), model.position(b)) / groupSpeed;
    }

    /** Summed speed of a group. */
    public double speed(int[] group) {
        double s = 0;
        for (int d : group) {
            s += speed[d];
        }
        return s;
    }

    private double single(int d, int prev, int a, int b) {
        int from = model.position(a);
        int to = model.position(b);
        long memory = model.weightBytes(from, to) + model.activationBytes(a, b);
        if (memory > network.device(d).memoryBytes()) {
            return overflow(memory, d);
        }
        return network.transferS(prev, d, model.liveBytes(from)) + model.macs(from, to) / speed[d];
    }

    /** The full description of a stage (see {@link #time}). */
    public StagePlan stage(int[] group, int prev, int a, int b) {
        int from = model.position(a);
        int to = model.position(b);
        int leader = leader(group);
        int q = group.length == 1 ? from : model.splitEnd(from, to);
        if (q == from) {
            return wholeOnLeader(group, leader, prev, a, b);
        }
        long rows = model.rowsAt(q);
        double total = 0;
        for (int d : group) {
            total += speed[d];
        }
        List<StagePlan.Member> members = new ArrayList<>();
        double slowest = 0;
        double cumulative = 0;
        long r0 = 0;
        long wholeMemory = model.weightBytes(q, to) + model.activationBytesOfNodes(q, to);
        for (int d : group) {
            cumulative += speed[d];
            long r1 = Math.round(rows * cumulative / total);
            StagePlan.Member m = member(d, leader, prev, from, q, r0, r1, speed[d] / total);
            long memory = m.memoryBytes() + (d == leader ? wholeMemory : 0);
            m = withMemory(m, memory);
            members.add(m);
            slowest =
                    Math.max(
                            slowest,
                            memory > network.device(d).memoryBytes()
                                    ? overflow(memory, d)
                                    : m.totalS());
            r0 = r1;
        }
        double wholeS = model.macs(q, to) / speed[leader];
        return new StagePlan(a, b, from, to, q, leader, members, wholeS, slowest + wholeS);
    }

    private double overflow(long memory, int d) {
        return INFEASIBLE_S * (1 + (double) memory / network.device(d).memoryBytes());
    }

    private StagePlan.Member member(
            int d, int leader, int prev, int from, int q, long r0, long r1, double share) {
        if (r1 <= r0) {
            return new StagePlan.Member(d, share, r0, r1, 0, 0, 0, 0);
        }
        PipelineModel.Band band = model.band(from, q, r0, r1);
        return new StagePlan.Member(
                d,
                share,
                r0,
                r1,
                network.transferS(prev, d, band.inBytes()),
                band.macs() / speed[d],
                network.transferS(d, leader, band.outBytes()),
                model.weightBytes(from, q) + (long) Math.ceil(band.activationBytes()));
    }

    private static StagePlan.Member withMemory(StagePlan.Member m, long memory) {
        return new StagePlan.Member(
                m.device(),
                m.share(),
                m.rowFrom(),
                m.rowTo(),
                m.inS(),
                m.computeS(),
                m.outS(),
                memory);
    }

    private StagePlan wholeOnLeader(int[] group, int leader, int prev, int a, int b) {
        int from = model.position(a);
        int to = model.position(b);
        List<StagePlan.Member> members = new ArrayList<>();
        double time = single(leader, prev, a, b);
        for (int d : group) {
            boolean lead = d == leader;
            members.add(
                    new StagePlan.Member(
                            d,
                            lead ? 1 : 0,
                            0,
                            0,
                            lead ? network.transferS(prev, d, model.liveBytes(from)) : 0,
                            lead ? model.macs(from, to) / speed[d] : 0,
                            0,
                            lead ? model.weightBytes(from, to) + model.activationBytes(a, b) : 0));
        }
        double wholeS = 0;
        return new StagePlan(a, b, from, to, from, leader, members, wholeS, time);
    }
}
