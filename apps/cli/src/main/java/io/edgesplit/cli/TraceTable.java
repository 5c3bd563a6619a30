package io.edgesplit.cli;

import io.edgesplit.kafka.recording.TraceManifest;
import java.time.Instant;
import java.util.Locale;

/** The per-topic table that record and gen-trace print at the end, and the trace's creator. */
final class TraceTable {

    private TraceTable() {}

    /** One row per topic of the manifest: records, bytes, first and last timestamp, span. */
    static String of(TraceManifest m) {
        int w = "topic".length();
        for (TraceManifest.TopicEntry t : m.topics()) {
            w = Math.max(w, t.name().length());
        }
        String row = "  %-" + w + "s  %12s  %10s  %-24s  %-24s  %10s%n";
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT, row, "topic", "records", "bytes", "first", "last", "span"));
        for (TraceManifest.TopicEntry t : m.topics()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            row,
                            t.name(),
                            ProgressLine.count(t.records()),
                            ProgressLine.bytes(t.bytes()),
                            time(t.firstTimestamp()),
                            time(t.lastTimestamp()),
                            t.firstTimestamp() == null
                                    ? "-"
                                    : ProgressLine.duration(
                                            t.lastTimestamp() - t.firstTimestamp())));
        }
        return s.toString();
    }

    /** {@code edgesplit <command> <version>} for the manifest ("dev" when run from classes). */
    static String createdBy(String command) {
        String v = EdgesplitCli.class.getPackage().getImplementationVersion();
        return "edgesplit " + command + " " + (v == null ? "dev" : v);
    }

    static String time(Long epochMs) {
        return epochMs == null ? "-" : Instant.ofEpochMilli(epochMs).toString();
    }
}
