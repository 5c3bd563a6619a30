package io.edgesplit.core.controller;

import io.edgesplit.core.util.Values;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validated, immutable controller settings. Build with {@link #builder()} or parse from {@code
 * edgesplit.controller.*} key/value strings with {@link #fromMap(Map)}; {@link #OPTIONS} lists
 * every key with its default and meaning.
 *
 * @param policy policy name used by {@link Policies#create(ControllerConfig)}
 * @param v Lyapunov weight V {@code >= 0}: larger V saves more energy and queues more (O(1/V)
 *     energy gap, O(V) backlog)
 * @param theta θ, the value of one processed frame in joules: a frame is admitted when the queue
 *     pressure it adds is below V·θ
 * @param slotSeconds default slot length Δ for drivers that build {@link SlotInput}s (s)
 * @param powerBudgetW average device power budget P̄ (W); +inf for none
 * @param epsilon ε of the delay (ε-persistence) queues as a fraction of the full service per slot
 *     (Δ of work, ρ·Δ bits); 0 disables them
 * @param rateLevels K: when the device profile lists no discrete rates the candidate uplink rates
 *     are k/K of the capacity, k = 0..K
 * @param uplinkReferenceBps ρ (default 1 Mbit/s): the Lyapunov function measures the uplink backlog
 *     in slots of transmission at this rate, the compute backlog in slots of work at the maximum
 *     clock; set it near the typical uplink rate, erring low (a ρ far above the real rate makes the
 *     controller hold bits for a long time)
 * @param seed seed of the random policy
 * @param maxAdmitted cap on frames admitted per slot
 * @param admissionMaxWaitSeconds baselines (all but cutedge*) drop a slot's arrivals when the
 *     predicted queue wait exceeds this (s); +inf admits everything
 * @param fixedClockHz clock of cutedge-fixed-clock; 0 means the device's maximum clock (a clock not
 *     in the device table is rounded to the nearest one)
 * @param pruneDominatedCuts whether cutedge enumerates only Pareto-optimal cuts (never changes the
 *     decision; see {@code ModelCosts})
 * @param cutEnergyWeight η ≥ 0 (default 1): adds {@code η·V·ê_p} to each admitted frame's cut term,
 *     ê_p being the frame's energy at the most efficient clock and the slot's rate, so the cut
 *     choice sees energy even while the queues are short; 0 is exactly the brief's §5 bound
 * @param allowIdle whether cutedge may leave the GPU idle for a slot (clock 0 in the decision) to
 *     time-share an efficient clock with idling; false restricts it to the DVFS table
 * @param latencyBoundS D (s): the cutedge policies keep every admitted frame's end-to-end latency
 *     within D in their model (backlog cleared within min(Δ, D − Δ − max tail) each slot, frames
 *     that cannot make it not admitted); +inf for no bound (docs/controller.md, "Latency bound")
 */
public record ControllerConfig(
        String policy,
        double v,
        double theta,
        double slotSeconds,
        double powerBudgetW,
        double epsilon,
        int rateLevels,
        double uplinkReferenceBps,
        long seed,
        int maxAdmitted,
        double admissionMaxWaitSeconds,
        long fixedClockHz,
        boolean pruneDominatedCuts,
        double cutEnergyWeight,
        boolean allowIdle,
        double latencyBoundS)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Prefix of every controller key. */
    public static final String PREFIX = "edgesplit.controller.";

    public static final String POLICY = PREFIX + "policy";
    public static final String V = PREFIX + "v";
    public static final String THETA = PREFIX + "theta";
    public static final String SLOT_SECONDS = PREFIX + "slot-seconds";
    public static final String POWER_BUDGET_W = PREFIX + "power-budget-w";
    public static final String EPSILON = PREFIX + "epsilon";
    public static final String RATE_LEVELS = PREFIX + "rate-levels";
    public static final String UPLINK_REFERENCE_BPS = PREFIX + "uplink-reference-bps";
    public static final String SEED = PREFIX + "seed";
    public static final String MAX_ADMITTED = PREFIX + "max-admitted";
    public static final String ADMISSION_MAX_WAIT_S = PREFIX + "admission-max-wait-s";
    public static final String FIXED_CLOCK_HZ = PREFIX + "fixed-clock-hz";
    public static final String PRUNE_CUTS = PREFIX + "prune-cuts";
    public static final String CUT_ENERGY_WEIGHT = PREFIX + "cut-energy-weight";
    public static final String ALLOW_IDLE = PREFIX + "allow-idle";
    public static final String LATENCY_BOUND = PREFIX + "latency-bound";

    /** Every option, declared once: key, type, default, meaning, parsing and its field. */
    public static final List<ControllerSetting<?>> SETTINGS =
            List.of(
                    new ControllerSetting<>(
                            POLICY,
                            String.class,
                            PolicyKind.CUTEDGE.policyName(),
                            "policy: " + String.join(", ", PolicyKind.names()),
                            (t, k) -> t.trim(),
                            Builder::policy,
                            ControllerConfig::policy),
                    ControllerSetting.of(
                            V,
                            1.0,
                            "Lyapunov weight V >= 0: energy vs backlog trade-off",
                            Builder::v,
                            ControllerConfig::v),
                    ControllerSetting.of(
                            THETA,
                            1.0,
                            "value of one processed frame (J); admission compares queue pressure"
                                    + " with V*theta",
                            Builder::theta,
                            ControllerConfig::theta),
                    ControllerSetting.of(
                            SLOT_SECONDS,
                            0.1,
                            "slot length (s)",
                            Builder::slotSeconds,
                            ControllerConfig::slotSeconds),
                    ControllerSetting.of(
                            POWER_BUDGET_W,
                            Double.POSITIVE_INFINITY,
                            "average device power budget (W), inf for none",
                            Builder::powerBudgetW,
                            ControllerConfig::powerBudgetW),
                    ControllerSetting.of(
                            EPSILON,
                            0.0,
                            "epsilon of the delay queues, fraction of full service per slot; 0"
                                    + " disables them",
                            Builder::epsilon,
                            ControllerConfig::epsilon),
                    ControllerSetting.of(
                            RATE_LEVELS,
                            10,
                            "uplink rate levels k/K of the capacity when the device lists no rates",
                            Builder::rateLevels,
                            ControllerConfig::rateLevels),
                    ControllerSetting.of(
                            UPLINK_REFERENCE_BPS,
                            1e6,
                            "uplink reference rate (bit/s) that scales the uplink queue against the"
                                    + " compute queue; near the typical uplink rate, erring low",
                            Builder::uplinkReferenceBps,
                            ControllerConfig::uplinkReferenceBps),
                    ControllerSetting.of(
                            SEED,
                            0L,
                            "seed of the random policy",
                            Builder::seed,
                            ControllerConfig::seed),
                    ControllerSetting.of(
                            MAX_ADMITTED,
                            Integer.MAX_VALUE,
                            "cap on frames admitted per slot and device",
                            Builder::maxAdmitted,
                            ControllerConfig::maxAdmitted),
                    ControllerSetting.of(
                            ADMISSION_MAX_WAIT_S,
                            1.0,
                            "baselines drop arrivals when the predicted queue wait exceeds this"
                                    + " (s)",
                            Builder::admissionMaxWaitSeconds,
                            ControllerConfig::admissionMaxWaitSeconds),
                    ControllerSetting.of(
                            FIXED_CLOCK_HZ,
                            0L,
                            "GPU clock of cutedge-fixed-clock (Hz); 0 = maximum clock",
                            Builder::fixedClockHz,
                            ControllerConfig::fixedClockHz),
                    ControllerSetting.of(
                            PRUNE_CUTS,
                            true,
                            "cutedge enumerates only Pareto-optimal cuts (same decisions, faster)",
                            Builder::pruneDominatedCuts,
                            ControllerConfig::pruneDominatedCuts),
                    ControllerSetting.of(
                            CUT_ENERGY_WEIGHT,
                            1.0,
                            "eta >= 0: price each admitted frame's predicted energy in the cut"
                                    + " choice (eta*V*J); 0 = the plain section 5 bound",
                            Builder::cutEnergyWeight,
                            ControllerConfig::cutEnergyWeight),
                    ControllerSetting.of(
                            ALLOW_IDLE,
                            true,
                            "cutedge may idle the GPU for a slot (decision clock 0) to time-share"
                                    + " an efficient clock with idling",
                            Builder::allowIdle,
                            ControllerConfig::allowIdle),
                    new ControllerSetting<>(
                            LATENCY_BOUND,
                            Double.class,
                            0.2,
                            "end-to-end latency bound per frame (s, or with a unit: 200ms); the"
                                    + " cutedge policies serve and admit so that admitted frames meet"
                                    + " it; inf for none",
                            Values::parseSeconds,
                            Builder::latencyBoundS,
                            ControllerConfig::latencyBoundS));

    private static final Map<String, ControllerSetting<?>> BY_KEY =
            SETTINGS.stream()
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    ControllerSetting::key, Function.identity()));

    /** The defaults. */
    public static final ControllerConfig DEFAULTS = builder().build();

    /** Every option with its default and description, in a stable order. */
    public static final List<ConfigOption> OPTIONS =
            SETTINGS.stream().map(ControllerSetting::describe).toList();

    public ControllerConfig {
        Objects.requireNonNull(policy, "policy");
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This config with another V. */
    public ControllerConfig withV(double newV) {
        return toBuilder().v(newV).build();
    }

    /** This config with another policy name. */
    public ControllerConfig withPolicy(String newPolicy) {
        return toBuilder().policy(newPolicy).build();
    }

    /**
     * Parses {@code edgesplit.controller.*} keys (other keys are ignored, so a whole job
     * configuration can be passed); unset keys keep their defaults. An unknown key under the prefix
     * or a bad value fails in one line naming the key.
     */
    public static ControllerConfig fromMap(Map<String, String> settings) {
        return fromMap(settings, DEFAULTS);
    }

    /** Like {@link #fromMap(Map)} but starting from {@code base} instead of the defaults. */
    public static ControllerConfig fromMap(Map<String, String> settings, ControllerConfig base) {
        Builder b = base.toBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(PREFIX)) {
                continue;
            }
            ControllerSetting<?> setting = BY_KEY.get(k);
            if (setting == null) {
                throw new IllegalArgumentException(
                        "unknown controller option '"
                                + k
                                + "': valid options are "
                                + SETTINGS.stream()
                                        .map(ControllerSetting::key)
                                        .collect(Collectors.joining(", ")));
            }
            setting.apply(b, e.getValue());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    /** This config as {@code edgesplit.controller.*} key/value strings (round-trips). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ControllerSetting<?> setting : SETTINGS) {
            m.put(setting.key(), setting.format(this));
        }
        return m;
    }

    /** The policy as its kind. */
    public PolicyKind policyKind() {
        return PolicyKind.of(policy);
    }

    /** Builder with validated {@link #build()}. */
    public static final class Builder {
        private String policy;
        private double v;
        private double theta;
        private double slotSeconds;
        private double powerBudgetW;
        private double epsilon;
        private int rateLevels;
        private double uplinkReferenceBps;
        private long seed;
        private int maxAdmitted;
        private double admissionMaxWaitSeconds;
        private long fixedClockHz;
        private boolean pruneDominatedCuts;
        private double cutEnergyWeight;
        private boolean allowIdle;
        private double latencyBoundS;

        private Builder() {
            SETTINGS.forEach(setting -> setting.applyDefault(this));
        }

        private Builder(ControllerConfig c) {
            SETTINGS.forEach(setting -> setting.copy(c, this));
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder v(double v) {
            this.v = v;
            return this;
        }

        public Builder theta(double theta) {
            this.theta = theta;
            return this;
        }

        public Builder slotSeconds(double slotSeconds) {
            this.slotSeconds = slotSeconds;
            return this;
        }

        public Builder powerBudgetW(double powerBudgetW) {
            this.powerBudgetW = powerBudgetW;
            return this;
        }

        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder rateLevels(int rateLevels) {
            this.rateLevels = rateLevels;
            return this;
        }

        public Builder uplinkReferenceBps(double uplinkReferenceBps) {
            this.uplinkReferenceBps = uplinkReferenceBps;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxAdmitted(int maxAdmitted) {
            this.maxAdmitted = maxAdmitted;
            return this;
        }

        public Builder admissionMaxWaitSeconds(double admissionMaxWaitSeconds) {
            this.admissionMaxWaitSeconds = admissionMaxWaitSeconds;
            return this;
        }

        public Builder fixedClockHz(long fixedClockHz) {
            this.fixedClockHz = fixedClockHz;
            return this;
        }

        public Builder pruneDominatedCuts(boolean pruneDominatedCuts) {
            this.pruneDominatedCuts = pruneDominatedCuts;
            return this;
        }

        public Builder cutEnergyWeight(double cutEnergyWeight) {
            this.cutEnergyWeight = cutEnergyWeight;
            return this;
        }

        public Builder allowIdle(boolean allowIdle) {
            this.allowIdle = allowIdle;
            return this;
        }

        /** The latency bound D in seconds, +inf for none. */
        public Builder latencyBoundS(double latencyBoundS) {
            this.latencyBoundS = latencyBoundS;
            return this;
        }

        /** Validates and builds; failures name the option and the accepted range. */
        public ControllerConfig build() {
            if (policy == null || !PolicyKind.names().contains(policy)) {
                throw new IllegalArgumentException("policy: " + PolicyKind.unknownMessage(policy));
            }
            finiteAtLeast(v, 0, "v");
            finiteAtLeast(theta, 0, "theta");
            if (!(slotSeconds > 0) || Double.isInfinite(slotSeconds)) {
                throw new IllegalArgumentException(
                        "slot-seconds must be a finite number > 0, got " + slotSeconds);
            }
            if (!(powerBudgetW > 0)) {
                throw new IllegalArgumentException(
                        "power-budget-w must be > 0 (inf for no budget), got " + powerBudgetW);
            }
            if (!(epsilon >= 0 && epsilon <= 1)) {
                throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
            }
            if (rateLevels < 1 || rateLevels > 1000) {
                throw new IllegalArgumentException(
                        "rate-levels must be in 1..1000, got " + rateLevels);
            }
            if (!(uplinkReferenceBps > 0) || Double.isInfinite(uplinkReferenceBps)) {
                throw new IllegalArgumentException(
                        "uplink-reference-bps must be a finite number > 0, got "
                                + uplinkReferenceBps);
            }
            if (maxAdmitted < 0) {
                throw new IllegalArgumentException("max-admitted must be >= 0, got " + maxAdmitted);
            }
            if (!(admissionMaxWaitSeconds >= 0)) {
                throw new IllegalArgumentException(
                        "admission-max-wait-s must be >= 0 (inf for no limit), got "
                                + admissionMaxWaitSeconds);
            }
            finiteAtLeast(cutEnergyWeight, 0, "cut-energy-weight");
            if (fixedClockHz < 0) {
                throw new IllegalArgumentException(
                        "fixed-clock-hz must be >= 0 (0 = maximum clock), got " + fixedClockHz);
            }
            checkLatencyBound();
            return new ControllerConfig(
                    policy,
                    v,
                    theta,
                    slotSeconds,
                    powerBudgetW,
                    epsilon,
                    rateLevels,
                    uplinkReferenceBps,
                    seed,
                    maxAdmitted,
                    admissionMaxWaitSeconds,
                    fixedClockHz,
                    pruneDominatedCuts,
                    cutEnergyWeight,
                    allowIdle,
                    latencyBoundS);
        }

        private void checkLatencyBound() {
            if (!(latencyBoundS > 0)) {
                throw new IllegalArgumentException(
                        "latency-bound must be > 0 (e.g. 200ms, or inf for none), got "
                                + latencyBoundS);
            }
            if (latencyBoundS <= slotSeconds) {
                throw new IllegalArgumentException(
                        "latency-bound ("
                                + Values.format(latencyBoundS)
                                + " s) must exceed slot-seconds ("
                                + Values.format(slotSeconds)
                                + " s): a frame waits up to one slot before it is served; raise"
                                + " the bound or shorten the slot");
            }
        }

        private static void finiteAtLeast(double x, double min, String name) {
            if (!(x >= min) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(
                        name + " must be a finite number >= " + Values.format(min) + ", got " + x);
            }
        }
    }
}
