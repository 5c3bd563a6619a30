package io.edgesplit.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes away for 30 s: the standalone Kafka broker process is stopped (SIGTERM) halfway
 * through a 120 s trace and started again on the same data and port, while the real {@code
 * edgesplit job} (its own JVM) runs on. The job waits and recovers by itself; afterwards every
 * frame has exactly one committed outcome and every injected bad record one dead letter.
 * target/broker-outage keeps the logs.
 */
class BrokerOutageITCase {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void jobRidesOutABrokerOutageWithoutLosingOrDuplicatingAnOutcome() throws Exception {
        CrashOptions options =
                CrashTestSetup.options(
                        "broker-outage", 0, Duration.ofSeconds(120), 1, OUTAGE, false);

        CrashReport report = CrashHarness.run(options, System.out);

        assertThat(report.outcomes().exactlyOnce()).as(report.summary()).isTrue();
        assertThat(report.outcomes().frames()).isEqualTo(240);
        assertThat(report.deadLetters().asInjected()).as(report.summary()).isTrue();
        assertThat(report.notes())
                .as(report.summary())
                .anyMatch(
                        n ->
                                n.matches(
                                        "broker stopped for 30 s .* committed again [0-9.]+ s after .*"));
    }
}
