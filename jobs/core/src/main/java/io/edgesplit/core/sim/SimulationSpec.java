package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.cost.WirePrecision;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A complete, validated simulation: devices and their traces, the model profile, slots, and the
 * policies and V values to compare. Build one with {@link #builder()} or from a scenario file
 * ({@link Scenarios#load}); every {@code edgesplit simulate} option maps onto a builder method.
 *
 * @param name scenario name (report titles)
 * @param model model profile (per-cut bytes, MACs, measured latencies)
 * @param edge edge server profile
 * @param wire precision of activations on the uplink
 * @param devices device groups
 * @param slots number of slots T
 * @param slotSeconds slot length Δ (s); overrides the controller config's slot length
 * @param warmupSlots slots excluded from the statistics (queues filling up)
 * @param policies policy names, in report order
 * @param vValues V values for the policies that use V, ascending
 * @param controller base controller settings (V and policy are set per run)
 * @param seed seed of the arrival processes (runs share arrivals: common random numbers)
 * @param recordSlots whether per-slot series are kept for slots.csv
 * @param mode decide once per slot (default) or once per frame as the streaming job does
 * @param telemetryHz telemetry samples per second and device in {@link SimulationMode#PER_FRAME}
 */
public record SimulationSpec(
        String name,
        ModelProfile model,
        EdgeServerProfile edge,
        WirePrecision wire,
        List<DeviceGroup> devices,
        int slots,
        double slotSeconds,
        int warmupSlots,
        List<String> policies,
        List<Double> vValues,
        ControllerConfig controller,
        long seed,
        boolean recordSlots,
        SimulationMode mode,
        double telemetryHz) {

    public SimulationSpec {
        devices = List.copyOf(devices);
        policies = List.copyOf(policies);
        vValues = List.copyOf(vValues);
    }

    /** A builder with defaults (see {@link Builder}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec (e.g. to apply command-line overrides). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Total number of devices. */
    public int deviceCount() {
        return devices.stream().mapToInt(DeviceGroup::count).sum();
    }

    /**
     * Builder. Defaults: name "simulation", edge {@code edge-gpu}, fp32 on the wire, 3000 slots of
     * 0.1 s, no warm-up, policies cutedge and all baselines, V = {1, 10, 100}, default controller
     * settings, seed 1, per-slot series recorded, slot mode (10 telemetry samples/s in per-frame
     * mode). A model and at least one device group are required.
     */
    public static final class Builder {
        private String name = "simulation";
        private ModelProfile model;
        private EdgeServerProfile edge;
        private WirePrecision wire = WirePrecision.FP32;
        private List<DeviceGroup> devices = new ArrayList<>();
        private int slots = 3000;
        private double slotSeconds = 0.1;
        private int warmupSlots = 0;
        private List<String> policies = Policies.names();
        private List<Double> vValues = List.of(1.0, 10.0, 100.0);
        private ControllerConfig controller = ControllerConfig.DEFAULTS;
        private long seed = 1;
        private boolean recordSlots = true;
        private SimulationMode mode = SimulationMode.SLOT;
        private double telemetryHz = 10;
        private Integer deviceCountOverride;
        private List<BandwidthTrace> tracesOverride;
        private DeviceProfile defaultDevice;
        private double defaultFps = 10;
        private Double latencyBoundOverride;

        private Builder() {}

        private Builder(SimulationSpec s) {
            name = s.name;
            model = s.model;
            edge = s.edge;
            wire = s.wire;
            devices = new ArrayList<>(s.devices);
            slots = s.slots;
            slotSeconds = s.slotSeconds;
            warmupSlots = s.warmupSlots;
            policies = s.policies;
            vValues = s.vValues;
            controller = s.controller;
            seed = s.seed;
            recordSlots = s.recordSlots;
            mode = s.mode;
            telemetryHz = s.telemetryHz;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder model(ModelProfile model) {
            this.model = model;
            return this;
        }

        public Builder edge(EdgeServerProfile edge) {
            this.edge = edge;
            return this;
        }

        /** Decide once per slot (default) or once per frame as the streaming job does. */
        public Builder mode(SimulationMode mode) {
            this.mode = mode;
            return this;
        }

        /** Telemetry samples per second and device in per-frame mode (default 10). */
        public Builder telemetryHz(double telemetryHz) {
            this.telemetryHz = telemetryHz;
            return this;
        }

        public Builder wire(WirePrecision wire) {
            this.wire = wire;
            return this;
        }

        /** Replaces the device groups. */
        public Builder devices(List<DeviceGroup> groups) {
            this.devices = new ArrayList<>(groups);
            return this;
        }

        public Builder addDevices(DeviceGroup group) {
            this.devices.add(group);
            return this;
        }

        /**
         * {@code --devices N}: the scenario must have exactly one device group, whose count becomes
         * N (checked in {@link #build()}).
         */
        public Builder deviceCount(int n) {
            this.deviceCountOverride = n;
            return this;
        }

        /**
         * {@code --trace FILE...}: every device group uses these traces instead of its own (devices
         * are spread round-robin over them).
         */
        public Builder traces(List<BandwidthTrace> traces) {
            this.tracesOverride = List.copyOf(traces);
            return this;
        }

        /**
         * Device type of the group created when no group is given but traces are ({@code simulate
         * --trace F...} without a scenario); default {@code jetson-tx2}.
         */
        public Builder defaultDevice(DeviceProfile device) {
            this.defaultDevice = device;
            return this;
        }

        /** Frame rate per device of that group (default 10 fps, Poisson). */
        public Builder defaultFps(double fps) {
            this.defaultFps = fps;
            return this;
        }

        public Builder slots(int slots) {
            this.slots = slots;
            return this;
        }

        public Builder slotSeconds(double slotSeconds) {
            this.slotSeconds = slotSeconds;
            return this;
        }

        public Builder warmupSlots(int warmupSlots) {
            this.warmupSlots = warmupSlots;
            return this;
        }

        public Builder policies(List<String> policies) {
            this.policies = List.copyOf(policies);
            return this;
        }

        public Builder vValues(List<Double> vValues) {
            this.vValues = List.copyOf(vValues);
            return this;
        }

        public Builder controller(ControllerConfig controller) {
            this.controller = controller;
            return this;
        }

        /**
         * The latency bound D (s, +inf for none), replacing the controller's (and a later {@link
         * #controller}'s) when the spec is built, so it is checked against the final slot length.
         */
        public Builder latencyBound(double seconds) {
            this.latencyBoundOverride = seconds;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder recordSlots(boolean recordSlots) {
            this.recordSlots = recordSlots;
            return this;
        }

        /** Validates and builds; each failure is one line naming the option. */
        public SimulationSpec build() {
            if (model == null) {
                throw new IllegalArgumentException(
                        "simulation needs a model profile (--model NAME or --profile FILE)");
            }
            List<DeviceGroup> groups = new ArrayList<>(devices);
            if (groups.isEmpty() && tracesOverride != null && !tracesOverride.isEmpty()) {
                groups.add(
                        new DeviceGroup(
                                deviceCountOverride == null
                                        ? tracesOverride.size()
                                        : Math.max(1, deviceCountOverride),
                                defaultDevice == null
                                        ? DeviceProfiles.builtin("jetson-tx2")
                                        : defaultDevice,
                                tracesOverride,
                                defaultFps,
                                ArrivalProcess.POISSON));
            }
            if (groups.isEmpty()) {
                throw new IllegalArgumentException(
                        "simulation needs devices: give a scenario (--scenario FILE) or traces"
                                + " (--trace FILE...)");
            }
            if (tracesOverride != null) {
                if (tracesOverride.isEmpty()) {
                    throw new IllegalArgumentException("--trace needs at least one trace");
                }
                groups.replaceAll(g -> g.withTraces(tracesOverride));
            }
            if (deviceCountOverride != null) {
                if (groups.size() != 1) {
                    throw new IllegalArgumentException(
                            "--devices applies to scenarios with one device group, this one has "
                                    + groups.size());
                }
                if (deviceCountOverride < 1) {
                    throw new IllegalArgumentException(
                            "--devices must be >= 1, got " + deviceCountOverride);
                }
                groups.set(0, groups.get(0).withCount(deviceCountOverride));
            }
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be >= 1, got " + slots);
            }
            if (!(slotSeconds > 0) || Double.isInfinite(slotSeconds)) {
                throw new IllegalArgumentException(
                        "slot length must be a finite number of seconds > 0, got " + slotSeconds);
            }
            if (warmupSlots < 0 || warmupSlots >= slots) {
                throw new IllegalArgumentException(
                        "warm-up slots must be in 0.." + (slots - 1) + ", got " + warmupSlots);
            }
            if (!(telemetryHz > 0) || Double.isInfinite(telemetryHz) || telemetryHz > 1000) {
                throw new IllegalArgumentException(
                        "telemetry rate must be in (0, 1000] samples per second, got "
                                + telemetryHz);
            }
            if (policies.isEmpty()) {
                throw new IllegalArgumentException("give at least one policy");
            }
            policies.forEach(Policies::requireKnown);
            List<Double> vs = new ArrayList<>(vValues);
            if (vs.isEmpty() && policies.stream().anyMatch(Policies::usesV)) {
                throw new IllegalArgumentException("give at least one V value (--V v,...)");
            }
            for (double v : vs) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(
                            "V values must be finite numbers >= 0, got " + v);
                }
            }
            vs = vs.stream().distinct().sorted().toList();
            long total = (long) slots * groups.stream().mapToInt(DeviceGroup::count).sum();
            if (total > 2_000_000_000L) {
                throw new IllegalArgumentException(
                        "devices x slots = "
                                + total
                                + " is too large for one simulation: use fewer devices or slots");
            }
            return new SimulationSpec(
                    name == null || name.isBlank() ? "simulation" : name,
                    model,
                    edge == null ? EdgeServerProfiles.defaultProfile() : edge,
                    Objects.requireNonNull(wire, "wire"),
                    groups,
                    slots,
                    slotSeconds,
                    warmupSlots,
                    policies.stream().distinct().toList(),
                    vs,
                    controllerConfig(),
                    seed,
                    recordSlots,
                    Objects.requireNonNull(mode, "mode"),
                    telemetryHz);
        }

        private ControllerConfig controllerConfig() {
            ControllerConfig.Builder c = controller.toBuilder().slotSeconds(slotSeconds);
            if (latencyBoundOverride != null) {
                c.latencyBoundS(latencyBoundOverride);
            }
            return c.build();
        }
    }
}
