package io.edgesplit.core.cost;

/** Where a head or tail time in {@link ModelCosts} came from. */
public enum CostSource {
    /** Measured on this device type at its maximum clock ({@code CutProfile.deviceHeadMs}). */
    DEVICE_MEASURED("measured on the device"),
    /**
     * Measured on this device type at a lower clock and scaled to the maximum clock with the
     * profile's δ model.
     */
    DEVICE_MEASURED_SCALED("measured on the device at a lower clock, scaled to fmax"),
    /** Measured on the profiling host ({@code CutProfile.tailMs}), taken as the edge server. */
    HOST_MEASURED("measured on the profiling host"),
    /** MACs divided by the device's or edge server's effective speed. */
    MAC_ESTIMATE("MACs / effective speed"),
    /** The part is empty (no MACs): zero time. */
    NO_WORK("no work");

    private final String description;

    CostSource(String description) {
        this.description = description;
    }

    /** Human-readable description for reports. */
    public String description() {
        return description;
    }
}
