package io.edgesplit.core.sim;

/**
 * Per-slot aggregates of one run over all devices (columnar, for slots.csv and plots). Indexed by
 * slot.
 */
public final class SlotSeries {

    /** Column names, in {@link #value(int, int)} order. */
    public static final String[] COLUMNS = {
        "arrivals",
        "admitted",
        "completed",
        "compute_j",
        "radio_j",
        "qc_s",
        "qn_bits",
        "y_mean_w",
        "clock_mhz_mean",
        "rate_mbps_mean",
        "capacity_mbps_mean",
        "cut_mean"
    };

    static final int ARRIVALS = 0;
    static final int ADMITTED = 1;
    static final int COMPLETED = 2;
    static final int COMPUTE_J = 3;
    static final int RADIO_J = 4;
    static final int QC = 5;
    static final int QN = 6;
    static final int Y = 7;
    static final int CLOCK = 8;
    static final int RATE = 9;
    static final int CAPACITY = 10;
    static final int CUT = 11;

    private final double[][] columns;

    SlotSeries(int slots) {
        columns = new double[COLUMNS.length][slots];
    }

    /** Number of slots. */
    public int slots() {
        return columns[0].length;
    }

    /** Value of column {@code column} (index into {@link #COLUMNS}) at {@code slot}. */
    public double value(int column, int slot) {
        return columns[column][slot];
    }

    void add(int column, int slot, double v) {
        columns[column][slot] += v;
    }

    void set(int column, int slot, double v) {
        columns[column][slot] = v;
    }
}
