package io.edgesplit.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Settings of a crash run, parsed once from the command line and checked.
 *
 * @param kills SIGKILLs of the job while frames stream
 * @param devices cameras of the generated trace
 * @param duration length of the generated trace
 * @param fps frames per second per device
 * @param seed seed of the trace, the bad records and the kill points
 * @param badRecords undecodable records injected into the trace
 * @param speed replay speed (1 = the recorded pace)
 * @param partitions partitions of every topic
 * @param out output directory (broker, traces, logs, state, summary)
 * @param cliJar the edgesplit CLI jar that runs gen-trace, replay and job
 * @param kafkaClasspath classpath of the standalone broker JVM
 * @param drainTimeout how long to wait for the last outcomes after the stream ends
 * @param brokerOutage how long the broker is stopped mid-stream (zero: never)
 * @param reference whether a failure-free reference job runs the same trace alongside
 * @param pauseKill whether to kill the job once more just after the replay ended, while its last
 *     frames wait for the watermark
 */
record CrashOptions(
        int kills,
        int devices,
        Duration duration,
        double fps,
        long seed,
        int badRecords,
        double speed,
        int partitions,
        Path out,
        Path cliJar,
        String kafkaClasspath,
        Duration drainTimeout,
        Duration brokerOutage,
        boolean reference,
        boolean pauseKill) {

    static final String USAGE =
            "usage: crash-test [--kills N] [--devices D] [--duration S] [--fps F] [--seed X]"
                    + " [--bad-records B] [--speed V] [--partitions P] [--out DIR] [--jar FILE]"
                    + " [--kafka-classpath FILE] [--drain-timeout S] [--broker-outage S]"
                    + " [--no-reference] [--pause-kill]";

    CrashOptions {
        require(kills >= 0, "--kills " + kills + " is negative: give 0 or more");
        require(devices >= 1, "--devices " + devices + " must be at least 1");
        require(
                !duration.isNegative() && duration.toSeconds() >= 5,
                "--duration " + duration.toSeconds() + " s is too short: give 5 s or more");
        require(fps > 0 && fps <= 100, "--fps " + fps + " is out of range: give 0 < fps <= 100");
        require(badRecords >= 0, "--bad-records " + badRecords + " is negative");
        require(
                speed > 0 && speed <= 10,
                "--speed " + speed + " is out of range: give 0 < speed <= 10");
        require(!brokerOutage.isNegative(), "--broker-outage is negative");
        require(partitions >= 1, "--partitions " + partitions + " must be at least 1");
        require(
                Files.isRegularFile(cliJar),
                "CLI jar "
                        + cliJar
                        + " not found: build it with `mvn -pl dist -am package -DskipTests`");
        require(
                !kafkaClasspath.isBlank(),
                "empty Kafka classpath: build e2e (mvn -pl e2e -am package -DskipTests)");
    }

    /** The defaults of the command line: 10 kills over a 5-minute trace of 4 cameras. */
    static CrashOptions parse(List<String> args, Path repoRoot) throws java.io.IOException {
        int kills = 10;
        int devices = 4;
        Duration duration = Duration.ofMinutes(5);
        double fps = 5;
        long seed = 42;
        int bad = 8;
        double speed = 1;
        int partitions = 2;
        Path out =
                repoRoot.resolve("edgesplit-out")
                        .resolve(
                                "crash-"
                                        + LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        Path jar = repoRoot.resolve("dist/target/edgesplit.jar");
        Path kafkaCp = repoRoot.resolve("e2e/target/kafka-classpath.txt");
        Duration drain = Duration.ofMinutes(3);
        Duration outage = Duration.ZERO;
        boolean reference = true;
        boolean pauseKill = false;
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String option = rest.poll();
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (option.equals("--no-reference")) {
                reference = false;
                continue;
            }
            if (option.equals("--pause-kill")) {
                pauseKill = true;
                continue;
            }
            String value = rest.poll();
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
            }
            switch (option) {
                case "--kills" -> kills = integer(option, value);
                case "--devices" -> devices = integer(option, value);
                case "--duration" -> duration = seconds(option, value);
                case "--fps" -> fps = number(option, value);
                case "--seed" -> seed = (long) number(option, value);
                case "--bad-records" -> bad = integer(option, value);
                case "--speed" -> speed = number(option, value);
                case "--partitions" -> partitions = integer(option, value);
                case "--out" -> out = Path.of(value);
                case "--jar" -> jar = Path.of(value);
                case "--kafka-classpath" -> kafkaCp = Path.of(value);
                case "--drain-timeout" -> drain = seconds(option, value);
                case "--broker-outage" -> outage = seconds(option, value);
                default ->
                        throw new IllegalArgumentException(
                                "unknown option " + option + " (" + USAGE + ")");
            }
        }
        require(
                Files.isRegularFile(kafkaCp),
                "Kafka classpath file "
                        + kafkaCp
                        + " not found: build e2e (mvn -pl e2e -am package -DskipTests)");
        return new CrashOptions(
                kills,
                devices,
                duration,
                fps,
                seed,
                bad,
                speed,
                partitions,
                out,
                jar,
                Files.readString(kafkaCp).trim(),
                drain,
                outage,
                reference,
                pauseKill);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " '" + value + "' is not a whole number", e);
        }
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a number", e);
        }
    }

    /** Seconds, with an optional unit: {@code 300}, {@code 300s}, {@code 5m}. */
    private static Duration seconds(String option, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.endsWith("m")) {
            return Duration.ofSeconds(
                    Math.round(number(option, v.substring(0, v.length() - 1)) * 60));
        }
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        }
        return Duration.ofMillis(Math.round(number(option, v) * 1000));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
