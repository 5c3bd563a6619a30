package io.edgesplit.core.sim;

/** How the simulator decides: once per slot for all of a slot's frames, or once per frame. */
public enum SimulationMode {
    /**
     * Fixed slots of Δ: each slot every device's policy decides once for the slot's arrivals, with
     * the slot's mean trace capacity (the brief's §5 formulation; the default).
     */
    SLOT,
    /**
     * The streaming job's loop: each frame is decided on arrival by the core {@link
     * io.edgesplit.core.controller.DeviceController}, with the event time since the last decided
     * frame as the slot length and the capacity of the latest telemetry sample.
     */
    PER_FRAME;

    /** Parses {@code slot} or {@code per-frame} (case-insensitive). */
    public static SimulationMode fromName(String name) {
        for (SimulationMode m : values()) {
            if (m.cliName().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown simulation mode '" + name + "': use slot or per-frame");
    }

    /** The name on the command line: {@code slot} or {@code per-frame}. */
    public String cliName() {
        return this == SLOT ? "slot" : "per-frame";
    }
}
