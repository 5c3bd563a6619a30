package io.edgesplit.core.controller;

import java.util.List;

/**
 * Policy names as strings, for configuration and command lines: these constants are the one place
 * each name is written; the kinds themselves are {@link PolicyKind}.
 */
public final class Policies {

    /** Joint cut × clock × rate × admission Lyapunov control. */
    public static final String CUTEDGE = "cutedge";

    /** Lyapunov control with the GPU at one clock (isolates the DVFS gain). */
    public static final String CUTEDGE_FIXED_CLOCK = "cutedge-fixed-clock";

    /** Ablation: Lyapunov control of the cut only (clock at the maximum, rate at R(t)). */
    public static final String CUTEDGE_CUT_ONLY = "cutedge-cut-only";

    /** Ablation: Lyapunov control of the cut and the GPU clock (rate at R(t)). */
    public static final String CUTEDGE_CUT_CLOCK = "cutedge-cut-clock";

    /** Ablation: Lyapunov control of the cut and the uplink rate (clock at the maximum). */
    public static final String CUTEDGE_CUT_RATE = "cutedge-cut-rate";

    /** Whole model on the device at the maximum clock. */
    public static final String DEVICE_ONLY = "device-only";

    /** Raw frames to the edge. */
    public static final String EDGE_ONLY = "edge-only";

    /** Per-frame latency-minimising cut (Neurosurgeon). */
    public static final String NEUROSURGEON_LATENCY = "neurosurgeon-latency";

    /** Per-frame energy-minimising cut (Neurosurgeon). */
    public static final String NEUROSURGEON_ENERGY = "neurosurgeon-energy";

    /** DADS: min-cut over every cut of the DAG, latency (light load) or throughput (heavy). */
    public static final String DADS = "dads";

    /** CIC: the latency-minimising cut of the compressed graph, by table lookup. */
    public static final String CIC = "cic";

    /** Seeded random cut, clock and rate. */
    public static final String RANDOM = "random";

    /**
     * The offline reference: a lower bound on the device energy of any policy that completes the
     * same frames within the latency bound, from the whole trace (the simulator only).
     */
    public static final String OFFLINE_OPTIMAL = "offline-optimal";

    private static final List<String> NAMES = PolicyKind.names();

    private Policies() {}

    /** All policy names. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The policies that decide online, slot by slot: all but offline-optimal (the job's choice).
     */
    public static List<String> onlineNames() {
        return java.util.Arrays.stream(PolicyKind.values())
                .filter(PolicyKind::online)
                .map(PolicyKind::policyName)
                .toList();
    }

    /** Whether the policy's decisions depend on V (the Lyapunov policies). */
    public static boolean usesV(String name) {
        return NAMES.contains(name) && PolicyKind.of(name).usesV();
    }

    /** Creates the policy named in the config. */
    public static Policy create(ControllerConfig config) {
        return create(config.policy(), config);
    }

    /**
     * Creates a policy by name; an unknown name fails in one line listing the valid names.
     *
     * @param name one of {@link #names()}
     * @param config settings (its own {@code policy} field is ignored here)
     */
    public static Policy create(String name, ControllerConfig config) {
        return PolicyKind.of(name == null ? "" : name.trim()).create(config);
    }

    /** Returns {@code name} if it is exactly one of {@link #names()}, else fails in one line. */
    public static String requireKnown(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException(unknownMessage(name));
        }
        return name;
    }

    /** "unknown policy 'x': valid policies are ...". */
    static String unknownMessage(String name) {
        return PolicyKind.unknownMessage(name);
    }

    /**
     * Parses a comma-separated policy list ("cutedge,device-only"), or "all", failing on an unknown
     * name with the valid ones.
     */
    public static List<String> parseList(String text) {
        if (text != null && text.trim().equalsIgnoreCase("all")) {
            return NAMES;
        }
        List<String> out = io.edgesplit.core.util.Values.splitList(text, "policy list");
        for (String n : out) {
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException(unknownMessage(n) + " (or all)");
            }
        }
        return out;
    }
}
