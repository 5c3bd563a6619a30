package io.edgesplit.job.config;

import java.util.Locale;

/** How frames arrive. */
public enum JobMode {
    /**
     * Frames arrive raw (cut 0) from a recorded or generated trace; the job emulates the device: it
     * runs the head at the decided cut and charges the device's time and energy.
     */
    REPLAY,
    /**
     * Devices run the head themselves at the cut they were last told and send the activation; the
     * job validates it against the model's cut and runs the tail.
     */
    LIVE;

    public static JobMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown job mode '" + s + "': use replay or live");
        }
    }
}
