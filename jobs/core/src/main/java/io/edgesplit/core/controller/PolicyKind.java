package io.edgesplit.core.controller;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every policy edgesplit has: its name (as written in configuration, on the command line and in
 * reports), whether its decisions depend on V, how to build it from a {@link ControllerConfig}, and
 * which controller settings it reads (the rest do not change its decisions). Adding a policy is one
 * constant here and its class.
 */
public enum PolicyKind {
    /** Joint cut × clock × rate × admission Lyapunov control. */
    CUTEDGE(
            Policies.CUTEDGE,
            true,
            c -> new CutEdgePolicy(Policies.CUTEDGE, c, false),
            Settings.LYAPUNOV),
    /** Lyapunov control with the GPU at one clock (isolates the DVFS gain). */
    CUTEDGE_FIXED_CLOCK(
            Policies.CUTEDGE_FIXED_CLOCK,
            true,
            c -> new CutEdgePolicy(Policies.CUTEDGE_FIXED_CLOCK, c, true),
            Settings.LYAPUNOV_FIXED_CLOCK),
    /** Ablation: the cut only; the GPU at its maximum clock, the uplink at R(t). */
    CUTEDGE_CUT_ONLY(
            Policies.CUTEDGE_CUT_ONLY,
            true,
            c -> new CutEdgePolicy(Policies.CUTEDGE_CUT_ONLY, c, false, false, false),
            Settings.LYAPUNOV_CUT_ONLY),
    /** Ablation: the cut and the GPU clock; the uplink at R(t). */
    CUTEDGE_CUT_CLOCK(
            Policies.CUTEDGE_CUT_CLOCK,
            true,
            c -> new CutEdgePolicy(Policies.CUTEDGE_CUT_CLOCK, c, false, true, false),
            Settings.LYAPUNOV_CUT_CLOCK),
    /** Ablation: the cut and the uplink rate; the GPU at its maximum clock. */
    CUTEDGE_CUT_RATE(
            Policies.CUTEDGE_CUT_RATE,
            true,
            c -> new CutEdgePolicy(Policies.CUTEDGE_CUT_RATE, c, false, false, true),
            Settings.LYAPUNOV_CUT_RATE),
    /** Whole model on the device at the maximum clock. */
    DEVICE_ONLY(Policies.DEVICE_ONLY, false, DeviceOnlyPolicy::new, Settings.BASELINE),
    /** Raw frames to the edge. */
    EDGE_ONLY(Policies.EDGE_ONLY, false, EdgeOnlyPolicy::new, Settings.BASELINE),
    /** Per-frame latency-minimising cut (Neurosurgeon). */
    NEUROSURGEON_LATENCY(
            Policies.NEUROSURGEON_LATENCY,
            false,
            c -> new NeurosurgeonPolicy(c, NeurosurgeonPolicy.Objective.LATENCY),
            Settings.BASELINE),
    /** Per-frame energy-minimising cut (Neurosurgeon). */
    NEUROSURGEON_ENERGY(
            Policies.NEUROSURGEON_ENERGY,
            false,
            c -> new NeurosurgeonPolicy(c, NeurosurgeonPolicy.Objective.ENERGY),
            Settings.BASELINE),
    /** DADS min-cut over every cut of the DAG: latency, or throughput under heavy load. */
    DADS(Policies.DADS, false, DadsPolicy::new, Settings.BASELINE),
    /** CIC: latency-minimising cut of the compressed graph by table lookup. */
    CIC(Policies.CIC, false, CicPolicy::new, Settings.BASELINE),
    /** Seeded random cut, clock and rate. */
    RANDOM(Policies.RANDOM, false, RandomPolicy::new, Settings.RANDOM),
    /**
     * The offline reference (a lower bound on device energy at the same frames and latency bound),
     * computed by the simulator from the whole trace; it cannot decide online.
     */
    OFFLINE_OPTIMAL(Policies.OFFLINE_OPTIMAL, false, null, Settings.OFFLINE);

    private final String policyName;
    private final boolean usesV;
    private final Function<ControllerConfig, Policy> factory;
    private final Set<String> settings;

    PolicyKind(
            String policyName,
            boolean usesV,
            Function<ControllerConfig, Policy> factory,
            Set<String> settings) {
        this.policyName = policyName;
        this.usesV = usesV;
        this.factory = factory;
        this.settings = settings;
    }

    /** The name as configured ("cutedge", "device-only", ...). */
    public String policyName() {
        return policyName;
    }

    /** Whether the policy's decisions depend on V (the Lyapunov policies). */
    public boolean usesV() {
        return usesV;
    }

    /**
     * The {@code edgesplit.controller.*} keys this policy reads besides the policy name and the
     * slot length; the others leave its decisions unchanged.
     */
    public Set<String> settings() {
        return settings;
    }

    /** Whether the policy decides online, slot by slot (all but {@link #OFFLINE_OPTIMAL}). */
    public boolean online() {
        return factory != null;
    }

    /** A new policy instance with these settings; fails in one line for an offline kind. */
    public Policy create(ControllerConfig config) {
        if (factory == null) {
            throw new IllegalArgumentException(
                    "policy '"
                            + policyName
                            + "' sees the whole trace in advance, so only `edgesplit simulate` can"
                            + " run it; choose one of "
                            + String.join(", ", Policies.onlineNames())
                            + " for a controller");
        }
        return factory.apply(config);
    }

    /** All names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PolicyKind::policyName).toList();
    }

    /** The kind named {@code name} (exactly, as configured); else fails in one line. */
    public static PolicyKind of(String name) {
        for (PolicyKind k : values()) {
            if (k.policyName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(unknownMessage(name));
    }

    /** "unknown policy 'x': valid policies are ...". */
    static String unknownMessage(String name) {
        return "unknown policy '" + name + "': valid policies are " + String.join(", ", names());
    }

    @Override
    public String toString() {
        return policyName;
    }

    /** The settings groups, by the keys of {@link ControllerConfig}. */
    private static final class Settings {
        static final Set<String> LYAPUNOV =
                Set.of(
                        ControllerConfig.V,
                        ControllerConfig.THETA,
                        ControllerConfig.POWER_BUDGET_W,
                        ControllerConfig.EPSILON,
                        ControllerConfig.RATE_LEVELS,
                        ControllerConfig.UPLINK_REFERENCE_BPS,
                        ControllerConfig.MAX_ADMITTED,
                        ControllerConfig.PRUNE_CUTS,
                        ControllerConfig.CUT_ENERGY_WEIGHT,
                        ControllerConfig.ALLOW_IDLE,
                        ControllerConfig.LATENCY_BOUND);
        static final Set<String> LYAPUNOV_FIXED_CLOCK =
                plus(LYAPUNOV, ControllerConfig.FIXED_CLOCK_HZ);
        static final Set<String> LYAPUNOV_CUT_CLOCK = minus(LYAPUNOV, ControllerConfig.RATE_LEVELS);
        static final Set<String> LYAPUNOV_CUT_RATE = minus(LYAPUNOV, ControllerConfig.ALLOW_IDLE);
        static final Set<String> LYAPUNOV_CUT_ONLY =
                minus(LYAPUNOV_CUT_CLOCK, ControllerConfig.ALLOW_IDLE);
        static final Set<String> BASELINE =
                Set.of(ControllerConfig.MAX_ADMITTED, ControllerConfig.ADMISSION_MAX_WAIT_S);
        static final Set<String> OFFLINE =
                Set.of(
                        ControllerConfig.MAX_ADMITTED,
                        ControllerConfig.RATE_LEVELS,
                        ControllerConfig.LATENCY_BOUND);
        static final Set<String> RANDOM =
                plus(BASELINE, ControllerConfig.SEED, ControllerConfig.RATE_LEVELS);

        private static Set<String> minus(Set<String> base, String... less) {
            Set<String> s = new LinkedHashSet<>(base);
            s.removeAll(List.of(less));
            return Set.copyOf(s);
        }

        private static Set<String> plus(Set<String> base, String... more) {
            Set<String> s = new LinkedHashSet<>(base);
            s.addAll(List.of(more));
            return Set.copyOf(s);
        }
    }
}
