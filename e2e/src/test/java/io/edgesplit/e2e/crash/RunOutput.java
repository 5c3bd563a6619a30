package io.edgesplit.e2e.crash;

import java.util.List;
import java.util.Objects;

/**
 * What one job run committed to Kafka, as a {@code read_committed} reader sees it: every result,
 * decision and dead letter in topic order, duplicates included.
 *
 * @param results one entry per committed result record
 * @param decisions one entry per committed decision record
 * @param deadLetters one entry per committed dead letter
 */
record RunOutput(
        List<FrameKey> results, List<DecisionValue> decisions, List<DeadLetterValue> deadLetters) {

    RunOutput {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
        deadLetters = List.copyOf(Objects.requireNonNull(deadLetters, "deadLetters"));
    }

    /** A frame by its device and per-device id. */
    record FrameKey(String deviceId, long frameId) implements Comparable<FrameKey> {
        @Override
        public int compareTo(FrameKey o) {
            int c = deviceId.compareTo(o.deviceId);
            return c != 0 ? c : Long.compare(frameId, o.frameId);
        }

        @Override
        public String toString() {
            return deviceId + "#" + frameId;
        }
    }

    /** The parts of a decision that must not depend on failures: cut, clock, rate, admission. */
    record DecisionValue(FrameKey frame, int cut, long gpuClockHz, double uplinkBps, int admitted) {
        /** The decided values without the frame, for comparing two decisions of one frame. */
        String values() {
            return "cut "
                    + cut
                    + ", gpu "
                    + gpuClockHz
                    + " Hz, uplink "
                    + uplinkBps
                    + " bit/s, admitted "
                    + admitted;
        }
    }

    /**
     * A dead letter: the role of its source topic ({@code frames}, {@code telemetry}), where it was
     * read, and the raw bytes it carries.
     */
    record DeadLetterValue(String sourceRole, int partition, long offset, String raw) {}
}
