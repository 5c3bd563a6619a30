package io.edgesplit.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.e2e.crash.RunOutput.DeadLetterValue;
import io.edgesplit.e2e.crash.RunOutput.DecisionValue;
import io.edgesplit.e2e.crash.RunOutput.FrameKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputCheckTest {

    private static final FrameKey A0 = new FrameKey("cam-00", 0);
    private static final FrameKey A1 = new FrameKey("cam-00", 1);
    private static final FrameKey B0 = new FrameKey("cam-01", 0);
    private static final FrameKey X9 = new FrameKey("cam-99", 9);

    @Test
    void oneResultPerFrameIsExactlyOnce() {
        var outcomes = OutputCheck.outcomes(Set.of(A0, A1, B0), List.of(B0, A0, A1));

        assertThat(outcomes.exactlyOnce()).isTrue();
        assertThat(outcomes.distinct()).isEqualTo(3);
        assertThat(outcomes.examples()).isEmpty();
    }

    @Test
    void duplicateMissingAndUnexpectedResultsAreCountedAndNamed() {
        var outcomes = OutputCheck.outcomes(Set.of(A0, A1, B0), List.of(A0, A0, A0, B0, X9));

        assertThat(outcomes.exactlyOnce()).isFalse();
        assertThat(outcomes.duplicates()).isEqualTo(2);
        assertThat(outcomes.missing()).isEqualTo(1);
        assertThat(outcomes.unexpected()).isEqualTo(1);
        assertThat(outcomes.examples())
                .containsExactly(
                        "cam-00#0 has 3 results",
                        "cam-99#9 has a result but was not input",
                        "cam-00#1 has no result");
    }

    @Test
    void identicalDuplicateDecisionsAreAllowed() {
        var run = List.of(decision(A0, 3), decision(A0, 3), decision(A1, 5));
        var reference = List.of(decision(A1, 5), decision(A0, 3));

        var decisions = OutputCheck.decisions(run, reference);

        assertThat(decisions.identical()).isTrue();
        assertThat(decisions.duplicates()).isEqualTo(1);
        assertThat(decisions.distinct()).isEqualTo(2);
    }

    @Test
    void differentConflictingMissingAndExtraDecisionsAreCounted() {
        var run = List.of(decision(A0, 3), decision(A0, 4), decision(A1, 6), decision(X9, 1));
        var reference = List.of(decision(A0, 3), decision(A1, 5), decision(B0, 2));

        var decisions = OutputCheck.decisions(run, reference);

        assertThat(decisions.identical()).isFalse();
        assertThat(decisions.conflicting()).isEqualTo(1);
        assertThat(decisions.mismatched()).isEqualTo(1);
        assertThat(decisions.missing()).isEqualTo(1);
        assertThat(decisions.extra()).isEqualTo(1);
        assertThat(decisions.examples())
                .first()
                .asString()
                .startsWith("cam-00#0 decided twice: cut 3");
    }

    @Test
    void deadLettersMatchInjectedRecordsByRoleAndBytes() {
        var injected = List.of(bad("frames", "x1"), bad("telemetry", "x2"));
        var found =
                List.of(
                        new DeadLetterValue("telemetry", 1, 7, "x2"),
                        new DeadLetterValue("frames", 0, 3, "x1"));

        var deadLetters = OutputCheck.deadLetters(injected, found);

        assertThat(deadLetters.asInjected()).isTrue();
        assertThat(deadLetters.matched()).isEqualTo(2);
    }

    @Test
    void aDeadLetterTwiceOrOneNotInjectedFails() {
        var injected = List.of(bad("frames", "x1"), bad("telemetry", "x2"));
        var found =
                List.of(
                        new DeadLetterValue("frames", 0, 3, "x1"),
                        new DeadLetterValue("frames", 0, 3, "x1"),
                        new DeadLetterValue("frames", 0, 4, "other"));

        var deadLetters = OutputCheck.deadLetters(injected, found);

        assertThat(deadLetters.asInjected()).isFalse();
        assertThat(deadLetters.found()).isEqualTo(2);
        assertThat(deadLetters.duplicates()).isEqualTo(1);
        assertThat(deadLetters.matched()).isEqualTo(1);
        assertThat(deadLetters.unexpected()).isEqualTo(1);
    }

    private static DecisionValue decision(FrameKey frame, int cut) {
        return new DecisionValue(frame, cut, 1_300_500_000L, 2e6, 1);
    }

    private static BadRecord bad(String role, String value) {
        return new BadRecord(role, "cam-00", value, "test", 0);
    }
}
