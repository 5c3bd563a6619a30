package io.edgesplit.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short crash test of {@code mvn verify}: the real {@code edgesplit job} (its own JVM, from
 * dist/target/edgesplit.jar, with a --state-dir) against a standalone Kafka broker process, killed
 * with SIGKILL three times while a 150 s trace with 4 undecodable records streams, and restarted
 * each time. Exactly one committed outcome per frame, decisions identical to those of a job that
 * ran the same trace without failures, and one dead letter per injected record. {@code
 * scripts/crash-test.sh} runs the long version; target/crash-recovery keeps the logs.
 */
class CrashRecoveryITCase {

    private static final int KILLS = 3;

    /**
     * Long enough for three restarts on a busy 2-core machine, where a job takes up to 90 s to
     * start.
     */
    private static final Duration TRACE = Duration.ofSeconds(150);

    private static final double FPS = 1;
    private static final int FRAMES = 300;

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void killedJobNeitherDuplicatesNorLosesAnOutcome() throws Exception {
        CrashOptions options =
                CrashTestSetup.options("crash-recovery", KILLS, TRACE, FPS, Duration.ZERO, true);

        CrashReport report = CrashHarness.run(options, System.out);

        assertThat(report.kills()).as(report.summary()).hasSize(KILLS);
        assertThat(report.outcomes().exactlyOnce()).as(report.summary()).isTrue();
        assertThat(report.outcomes().frames()).isEqualTo(FRAMES);
        assertThat(report.decisions().identical()).as(report.summary()).isTrue();
        assertThat(report.decisions().distinct()).isEqualTo(FRAMES);
        assertThat(report.deadLetters().asInjected()).as(report.summary()).isTrue();
        assertThat(report.deadLetters().injected()).isEqualTo(4);
        assertThat(report.restarts())
                .as("every restart says which checkpoint it resumed from")
                .allSatisfy(
                        r ->
                                assertThat(r.resumed())
                                        .hasValueSatisfying(
                                                l -> assertThat(l).contains("resuming from")));
    }
}
