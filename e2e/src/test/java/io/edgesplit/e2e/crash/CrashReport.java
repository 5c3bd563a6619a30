package io.edgesplit.e2e.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of a crash run: the three checks for the killed job (and the reference's own outcome
 * and dead-letter checks, which show that the reference is a valid one), every kill and restart,
 * notes, and a printable summary.
 */
public record CrashReport(
        String scenario,
        OutputCheck.Outcomes outcomes,
        OutputCheck.Outcomes referenceOutcomes,
        OutputCheck.Decisions decisions,
        OutputCheck.DeadLetters deadLetters,
        OutputCheck.DeadLetters referenceDeadLetters,
        int killsAsked,
        List<Kill> kills,
        List<RestartTime> restarts,
        List<String> notes,
        double wallSeconds) {

    /** One SIGKILL: when (seconds into the run), after how long up, in which phase, which pid. */
    public record Kill(
            int number, double atS, double uptimeS, String phase, long pid, long nanos) {}

    /** A restart after kill {@code number}: when it was killed and started, and its log. */
    record Restart(int number, long killedNanos, long startedNanos, Path log) {}

    /**
     * A restart's figures: seconds from the kill to the first new committed outcome (empty if it
     * was killed again first), and the job's line saying where it resumed.
     */
    public record RestartTime(int number, Optional<Double> toCommitS, Optional<String> resumed) {}

    static CrashReport of(
            CrashOptions o,
            BadRecordInjector.Injected trace,
            RunOutput run,
            RunOutput reference,
            List<Kill> kills,
            List<RestartTime> restarts,
            List<String> notes,
            double wallSeconds) {
        String scenario =
                String.format(
                        Locale.ROOT,
                        "%d devices x %.0f s at %s fps = %d frames of tiny-chain, %d bad records,"
                                + " %d kills asked, seed %d, replay speed %s",
                        o.devices(),
                        o.duration().toMillis() / 1000.0,
                        o.fps(),
                        trace.frames().size(),
                        trace.badRecords().size(),
                        o.kills(),
                        o.seed(),
                        o.speed());
        return new CrashReport(
                scenario,
                OutputCheck.outcomes(trace.frames(), run.results()),
                reference == null
                        ? null
                        : OutputCheck.outcomes(trace.frames(), reference.results()),
                reference == null
                        ? null
                        : OutputCheck.decisions(run.decisions(), reference.decisions()),
                OutputCheck.deadLetters(trace.badRecords(), run.deadLetters()),
                reference == null
                        ? null
                        : OutputCheck.deadLetters(trace.badRecords(), reference.deadLetters()),
                o.kills(),
                List.copyOf(kills),
                List.copyOf(restarts),
                List.copyOf(notes),
                wallSeconds);
    }

    /** Each restart's time to its first new committed outcome, before the next kill. */
    static List<RestartTime> restartTimes(
            List<Restart> restarts, List<Kill> kills, CommittedCounter counter, long runStart) {
        List<RestartTime> times = new ArrayList<>();
        for (Restart r : restarts) {
            long nextKill =
                    kills.stream()
                            .filter(k -> k.number() == r.number() + 1)
                            .mapToLong(Kill::nanos)
                            .findFirst()
                            .orElse(Long.MAX_VALUE);
            long first = counter.firstGrowthAfter(r.startedNanos());
            Optional<Double> seconds =
                    first < 0 || first > nextKill
                            ? Optional.empty()
                            : Optional.of((first - r.killedNanos()) / 1e9);
            times.add(new RestartTime(r.number(), seconds, JobRun.resumeLine(r.log())));
        }
        return times;
    }

    /** Whether every check passed and every kill asked for happened. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** One line per failed check. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (!outcomes.exactlyOnce()) {
            failures.add(
                    String.format(
                            Locale.ROOT,
                            "not exactly one outcome per frame: %d duplicates, %d missing, %d"
                                    + " unexpected",
                            outcomes.duplicates(),
                            outcomes.missing(),
                            outcomes.unexpected()));
        }
        if (decisions != null && !decisions.identical()) {
            failures.add(
                    String.format(
                            Locale.ROOT,
                            "decisions differ from the reference: %d different, %d missing, %d"
                                    + " extra, %d conflicting duplicates",
                            decisions.mismatched(),
                            decisions.missing(),
                            decisions.extra(),
                            decisions.conflicting()));
        }
        if (!deadLetters.asInjected()) {
            failures.add(
                    String.format(
                            Locale.ROOT,
                            "dead letters are not the %d injected records: %d matched, %d"
                                    + " duplicates, %d unexpected",
                            deadLetters.injected(),
                            deadLetters.matched(),
                            deadLetters.duplicates(),
                            deadLetters.unexpected()));
        }
        if (referenceOutcomes != null && !referenceOutcomes.exactlyOnce()) {
            failures.add("the reference run itself is not exactly once, so it is no reference");
        }
        if (kills.size() < killsAsked) {
            failures.add(
                    "only "
                            + kills.size()
                            + " of "
                            + killsAsked
                            + " kills happened while frames streamed");
        }
        return failures;
    }

    /** The summary table, kill list, examples and verdict, as printed. */
    public String summary() {
        return CrashSummary.format(this);
    }
}
