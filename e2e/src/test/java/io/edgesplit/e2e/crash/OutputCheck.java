package io.edgesplit.e2e.crash;

import io.edgesplit.e2e.crash.RunOutput.DeadLetterValue;
import io.edgesplit.e2e.crash.RunOutput.DecisionValue;
import io.edgesplit.e2e.crash.RunOutput.FrameKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The three checks of a crash run, as plain logic over what was committed: exactly one outcome per
 * input frame, decisions equal to a failure-free reference run's, and dead letters equal to the bad
 * records injected. Every count is kept, so a report can say what went wrong.
 */
final class OutputCheck {

    /** How many examples of a failed check a report names. */
    static final int EXAMPLES = 5;

    private OutputCheck() {}

    /**
     * Outcomes of one run against the frames that went in.
     *
     * @param frames input frames
     * @param distinct frames with at least one result
     * @param duplicates result records beyond the first of their frame
     * @param missing input frames without a result
     * @param unexpected results for frames that were not input
     * @param examples a few frames that were duplicated, missing or unexpected
     */
    record Outcomes(
            int frames,
            int distinct,
            int duplicates,
            int missing,
            int unexpected,
            List<String> examples) {
        boolean exactlyOnce() {
            return duplicates == 0 && missing == 0 && unexpected == 0;
        }
    }

    /**
     * Decisions of a run against a reference run's.
     *
     * @param distinct frames the run decided
     * @param duplicates decision records beyond the first of their frame (allowed if identical)
     * @param conflicting frames the run decided twice with different values
     * @param missing frames the reference decided and the run did not
     * @param extra frames the run decided and the reference did not
     * @param mismatched frames both decided, differently
     * @param examples a few of the differences, with both values
     */
    record Decisions(
            int distinct,
            int duplicates,
            int conflicting,
            int missing,
            int extra,
            int mismatched,
            List<String> examples) {
        boolean identical() {
            return conflicting == 0 && missing == 0 && extra == 0 && mismatched == 0;
        }
    }

    /**
     * Dead letters of a run against the bad records injected.
     *
     * @param injected bad records injected
     * @param found distinct dead letters (by source topic, partition and offset)
     * @param duplicates dead-letter records beyond the first of their source record
     * @param matched injected records found as a dead letter with the same role and bytes
     * @param unexpected dead letters that match no injected record
     */
    record DeadLetters(int injected, int found, int duplicates, int matched, int unexpected) {
        boolean asInjected() {
            return matched == injected && unexpected == 0 && duplicates == 0;
        }
    }

    /** Exactly one result per input frame? */
    static Outcomes outcomes(Set<FrameKey> frames, List<FrameKey> results) {
        Map<FrameKey, Integer> counts = new HashMap<>();
        results.forEach(k -> counts.merge(k, 1, Integer::sum));
        List<String> examples = new ArrayList<>();
        int duplicates = 0;
        int unexpected = 0;
        for (var e : new TreeMap<>(counts).entrySet()) {
            duplicates += e.getValue() - 1;
            if (e.getValue() > 1) {
                example(examples, e.getKey() + " has " + e.getValue() + " results");
            }
            if (!frames.contains(e.getKey())) {
                unexpected++;
                example(examples, e.getKey() + " has a result but was not input");
            }
        }
        int missing = 0;
        for (FrameKey f : new TreeSet<>(frames)) {
            if (!counts.containsKey(f)) {
                missing++;
                example(examples, f + " has no result");
            }
        }
        return new Outcomes(
                frames.size(),
                counts.size(),
                duplicates,
                missing,
                unexpected,
                List.copyOf(examples));
    }

    /** The run's decisions, frame by frame, equal to the reference's; duplicates identical? */
    static Decisions decisions(List<DecisionValue> run, List<DecisionValue> reference) {
        List<String> examples = new ArrayList<>();
        Map<FrameKey, DecisionValue> mine = firstPerFrame(run);
        Map<FrameKey, DecisionValue> theirs = firstPerFrame(reference);
        int conflicting = countConflicts(run, mine, examples);
        int missing = 0;
        int mismatched = 0;
        for (var e : new TreeMap<>(theirs).entrySet()) {
            DecisionValue d = mine.get(e.getKey());
            if (d == null) {
                missing++;
                example(examples, e.getKey() + " decided in the reference only");
            } else if (!d.values().equals(e.getValue().values())) {
                mismatched++;
                example(
                        examples,
                        e.getKey() + ": " + d.values() + " vs reference " + e.getValue().values());
            }
        }
        int extra = 0;
        for (FrameKey f : new TreeSet<>(mine.keySet())) {
            if (!theirs.containsKey(f)) {
                extra++;
                example(examples, f + " decided in this run only");
            }
        }
        return new Decisions(
                mine.size(),
                run.size() - mine.size(),
                conflicting,
                missing,
                extra,
                mismatched,
                List.copyOf(examples));
    }

    /** Dead letters equal to the injected bad records (by role and bytes), each once? */
    static DeadLetters deadLetters(List<BadRecord> injected, List<DeadLetterValue> found) {
        Set<String> sources = new HashSet<>();
        Map<String, Integer> foundByContent = new LinkedHashMap<>();
        for (DeadLetterValue d : found) {
            if (sources.add(d.sourceRole() + "/" + d.partition() + "/" + d.offset())) {
                foundByContent.merge(d.sourceRole() + "/" + d.raw(), 1, Integer::sum);
            }
        }
        int matched = 0;
        for (BadRecord b : injected) {
            String content = b.role() + "/" + b.value();
            Integer n = foundByContent.get(content);
            if (n != null && n > 0) {
                matched++;
                foundByContent.put(content, n - 1);
            }
        }
        int unexpected = foundByContent.values().stream().mapToInt(Integer::intValue).sum();
        return new DeadLetters(
                injected.size(),
                sources.size(),
                found.size() - sources.size(),
                matched,
                unexpected);
    }

    private static Map<FrameKey, DecisionValue> firstPerFrame(Collection<DecisionValue> decisions) {
        Map<FrameKey, DecisionValue> first = new HashMap<>();
        for (DecisionValue d : decisions) {
            first.putIfAbsent(d.frame(), d);
        }
        return first;
    }

    private static int countConflicts(
            List<DecisionValue> decisions,
            Map<FrameKey, DecisionValue> first,
            List<String> examples) {
        Set<FrameKey> conflicting = new TreeSet<>();
        for (DecisionValue d : decisions) {
            DecisionValue f = first.get(d.frame());
            if (!f.values().equals(d.values()) && conflicting.add(d.frame())) {
                example(
                        examples,
                        d.frame() + " decided twice: " + f.values() + " and " + d.values());
            }
        }
        return conflicting.size();
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }
}
