package io.edgesplit.e2e.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Formats a {@link CrashReport} as the table the harness prints and writes to summary.txt. */
final class CrashSummary {

    private CrashSummary() {}

    static String format(CrashReport r) {
        StringBuilder s = new StringBuilder();
        s.append("crash test: ").append(r.scenario()).append("\n\n");
        s.append(
                String.format(Locale.ROOT, "%-44s %10s %10s%n", "check", "crash run", "reference"));
        outcomeRows(s, r);
        decisionRows(s, r);
        deadLetterRows(s, r);
        s.append('\n');
        killLines(s, r);
        s.append(String.format(Locale.ROOT, "wall time %.0f s%n", r.wallSeconds()));
        List<String> examples = new ArrayList<>(r.outcomes().examples());
        if (r.decisions() != null) {
            examples.addAll(r.decisions().examples());
        }
        examples.forEach(e -> s.append("  e.g. ").append(e).append('\n'));
        r.notes().forEach(n -> s.append("note: ").append(n).append('\n'));
        if (r.passed()) {
            s.append("PASS: exactly one outcome per frame")
                    .append(r.decisions() == null ? "" : ", decisions identical to the reference")
                    .append(", dead letters as injected\n");
        } else {
            r.failures().forEach(f -> s.append("FAIL: ").append(f).append('\n'));
        }
        return s.toString();
    }

    private static void outcomeRows(StringBuilder s, CrashReport r) {
        row(s, "frames in the trace", r, o -> o.frames());
        row(s, "frames with an outcome", r, o -> o.distinct());
        row(s, "duplicate outcomes", r, o -> o.duplicates());
        row(s, "missing outcomes", r, o -> o.missing());
        row(s, "outcomes for frames not in the trace", r, o -> o.unexpected());
    }

    private static void row(
            StringBuilder s,
            String label,
            CrashReport r,
            Function<OutputCheck.Outcomes, Integer> value) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-44s %10d %10s%n",
                        label,
                        value.apply(r.outcomes()),
                        r.referenceOutcomes() == null ? "-" : value.apply(r.referenceOutcomes())));
    }

    private static void decisionRows(StringBuilder s, CrashReport r) {
        OutputCheck.Decisions d = r.decisions();
        if (d == null) {
            s.append(
                    String.format(
                            Locale.ROOT, "%-44s %10s %10s%n", "decisions", "not compared", "-"));
            return;
        }
        line(s, "frames decided", d.distinct());
        line(s, "duplicate decisions (identical)", d.duplicates() - d.conflicting());
        line(s, "conflicting duplicate decisions", d.conflicting());
        line(s, "decisions different from the reference", d.mismatched());
        line(s, "decided by the reference only", d.missing());
        line(s, "decided by the crash run only", d.extra());
    }

    private static void deadLetterRows(StringBuilder s, CrashReport r) {
        OutputCheck.DeadLetters d = r.deadLetters();
        OutputCheck.DeadLetters ref = r.referenceDeadLetters();
        pair(s, "bad records injected", d.injected(), ref == null ? null : ref.injected());
        pair(s, "dead letters found (distinct)", d.found(), ref == null ? null : ref.found());
        pair(
                s,
                "dead letters matching an injected record",
                d.matched(),
                ref == null ? null : ref.matched());
        pair(s, "duplicate dead letters", d.duplicates(), ref == null ? null : ref.duplicates());
        pair(s, "unexpected dead letters", d.unexpected(), ref == null ? null : ref.unexpected());
    }

    private static void killLines(StringBuilder s, CrashReport r) {
        Map<String, Long> phases =
                r.kills().stream()
                        .collect(
                                Collectors.groupingBy(
                                        CrashReport.Kill::phase,
                                        TreeMap::new,
                                        Collectors.counting()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "kills: %d, %d asked (by phase: %s)%n",
                        r.kills().size(),
                        r.killsAsked(),
                        phases.isEmpty() ? "none" : phases.toString()));
        List<Double> measured =
                r.restarts().stream()
                        .map(CrashReport.RestartTime::toCommitS)
                        .flatMap(Optional::stream)
                        .sorted()
                        .toList();
        if (!measured.isEmpty()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "restart, SIGKILL to first new committed outcome: min %.1f s, median %.1f s,"
                                    + " max %.1f s (%d measured, %d killed again first)%n",
                            measured.get(0),
                            measured.get(measured.size() / 2),
                            measured.get(measured.size() - 1),
                            measured.size(),
                            r.restarts().size() - measured.size()));
        }
        if (r.kills().isEmpty()) {
            return;
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "%4s %8s %9s %-11s %10s  %s%n",
                        "kill",
                        "at s",
                        "up s",
                        "phase",
                        "restart s",
                        "the restarted job said"));
        for (CrashReport.Kill k : r.kills()) {
            Optional<CrashReport.RestartTime> t =
                    r.restarts().stream().filter(x -> x.number() == k.number()).findFirst();
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%4d %8.1f %9.1f %-11s %10s  %s%n",
                            k.number(),
                            k.atS(),
                            k.uptimeS(),
                            k.phase(),
                            t.flatMap(CrashReport.RestartTime::toCommitS)
                                    .map(v -> String.format(Locale.ROOT, "%.1f", v))
                                    .orElse("-"),
                            t.flatMap(CrashReport.RestartTime::resumed).orElse("-")));
        }
    }

    private static void line(StringBuilder s, String label, int value) {
        s.append(String.format(Locale.ROOT, "%-44s %10d %10s%n", label, value, "-"));
    }

    private static void pair(StringBuilder s, String label, int value, Integer reference) {
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-44s %10d %10s%n",
                        label,
                        value,
                        reference == null ? "-" : reference.toString()));
    }
}
