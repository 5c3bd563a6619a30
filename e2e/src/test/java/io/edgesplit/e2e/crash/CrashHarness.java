package io.edgesplit.e2e.crash;

import io.edgesplit.e2e.kafka.StandaloneKafka;
import io.edgesplit.kafka.EdgesplitTopics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The crash test: a real Kafka broker in its own process ({@link StandaloneKafka}), a generated
 * trace with undecodable records mixed in, replayed in real time while the real {@code edgesplit
 * job} runs in its own JVM and is SIGKILLed at seeded random points and started again; a second job
 * runs the same trace without failures as the reference. Then it reads what both committed ({@code
 * read_committed}) and checks exactly one outcome per input frame, decisions identical to the
 * reference's, and dead letters equal to the injected records ({@link OutputCheck}).
 *
 * <p>Run it with {@code scripts/crash-test.sh}; {@code CrashRecoveryITCase} runs a short version
 * and {@code BrokerOutageITCase} the broker-outage variant ({@link CrashOptions#brokerOutage()}).
 */
public final class CrashHarness {

    /**
     * Share of kills aimed at a job that has not committed anything since it started (phase
     * "starting"); the others come after it committed new outcomes ("processing").
     */
    static final double STARTING_KILL_SHARE = 0.2;

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PAUSE_KILL_DELAY = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final EdgesplitTopics CRASH_TOPICS =
            EdgesplitTopics.defaults().withPrefix("crash.");
    private static final EdgesplitTopics REF_TOPICS = EdgesplitTopics.defaults().withPrefix("ref.");

    private final CrashOptions options;
    private final PrintStream out;
    private final Random random;
    private final long startNanos = System.nanoTime();
    private final List<CrashReport.Kill> kills = new ArrayList<>();
    private final List<CrashReport.Restart> restarts = new ArrayList<>();
    private final List<Process> replays = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private StandaloneKafka kafka;
    private EdgesplitCli cli;
    private JobRun crash;
    private JobRun reference;
    private CommittedCounter crashCounter;
    private CommittedCounter refCounter;
    private BadRecordInjector.Injected trace;
    private long streamEndNanos;
    private long lastPrintNanos;

    private CrashHarness(CrashOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    /** Runs the whole test and returns its report; progress goes to {@code out}. */
    public static CrashReport run(CrashOptions options, PrintStream out) throws Exception {
        return new CrashHarness(options, out).run();
    }

    public static void main(String[] args) throws Exception {
        Path repo =
                Path.of(System.getProperty("edgesplit.repo.root", "."))
                        .toAbsolutePath()
                        .normalize();
        CrashOptions options;
        try {
            options = CrashOptions.parse(List.of(args), repo);
        } catch (IllegalArgumentException e) {
            System.err.println("crash-test: " + e.getMessage());
            System.exit(2);
            return;
        }
        CrashReport report = run(options, System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    private CrashReport run() throws Exception {
        Files.createDirectories(options.out());
        try {
            prepare();
            startRuns();
            injectFaults();
            awaitReplays();
            drain();
            return collect();
        } finally {
            cleanUp();
        }
    }

    private void prepare() throws Exception {
        say("output in %s", options.out());
        kafka =
                StandaloneKafka.builder()
                        .classpath(options.kafkaClasspath())
                        .workDir(options.out().resolve("kafka"))
                        .start();
        say(
                "kafka  standalone broker %s (pid %d), log %s",
                kafka.bootstrapServers(), kafka.pid().orElse(-1L), kafka.logFile());
        cli = new EdgesplitCli(options.cliJar(), "1g");
        Path generated = options.out().resolve("trace-generated");
        cli.run(
                List.of(
                        "gen-trace",
                        "--out",
                        generated.toString(),
                        "--devices",
                        Integer.toString(options.devices()),
                        "--duration",
                        options.duration().toMillis() + "ms",
                        "--fps",
                        Double.toString(options.fps()),
                        "--model",
                        "tiny-chain",
                        "--seed",
                        Long.toString(options.seed())),
                logs().resolve("gen-trace.log"),
                Duration.ofMinutes(5));
        trace =
                BadRecordInjector.inject(
                        generated,
                        options.out().resolve("trace"),
                        options.badRecords(),
                        options.seed());
        say(
                "trace  %d devices x %.0f s at %s fps = %d frames of tiny-chain, %d bad records injected (%s)",
                options.devices(),
                options.duration().toMillis() / 1000.0,
                options.fps(),
                trace.frames().size(),
                trace.badRecords().size(),
                options.out().resolve("trace"));
    }

    private void startRuns() throws Exception {
        boolean stateDir = supportsStateDir();
        if (!stateDir) {
            note(
                    "this edgesplit job has no --state-dir: a restarted job starts over instead of"
                            + " resuming from its last checkpoint");
        }
        crash = newJob("crash", CRASH_TOPICS, stateDir);
        crashCounter =
                new CommittedCounter(
                        kafka.bootstrapServers(), CRASH_TOPICS.results(), options.partitions());
        if (options.reference()) {
            reference = newJob("reference", REF_TOPICS, stateDir);
            refCounter =
                    new CommittedCounter(
                            kafka.bootstrapServers(), REF_TOPICS.results(), options.partitions());
        }
        // the input streams before the jobs start: a job that waits idle for its first records
        // may decide a device's first frames before the telemetry of the same instant (see
        // RELIABILITY.md), which would make the reference differ from the crash run at random
        replays.add(cli.start(replayArgs(CRASH_TOPICS), logs().resolve("replay-crash.log")));
        if (reference != null) {
            replays.add(cli.start(replayArgs(REF_TOPICS), logs().resolve("replay-reference.log")));
        }
        streamEndNanos = System.nanoTime() + (long) (trace.spanMs() * 1e6 / options.speed());
        say(
                "replay %.0f s of trace at speed %s into %s%s",
                trace.spanMs() / 1000.0,
                options.speed(),
                CRASH_TOPICS.frames(),
                reference == null ? "" : " and " + REF_TOPICS.frames());
        KafkaOutput.awaitRecords(
                kafka.bootstrapServers(), CRASH_TOPICS.frames(), JOB_START_TIMEOUT);
        crash.start();
        if (reference != null) {
            KafkaOutput.awaitRecords(
                    kafka.bootstrapServers(), REF_TOPICS.frames(), JOB_START_TIMEOUT);
            reference.start();
        }
        crash.awaitRunning(JOB_START_TIMEOUT);
        say(
                "jobs   %s pid %d running%s",
                crash.name(),
                crash.pid(),
                reference == null
                        ? ""
                        : ", " + reference.name() + " pid " + reference.pid() + " started");
    }

    private JobRun newJob(String name, EdgesplitTopics topics, boolean stateDir) throws Exception {
        KafkaOutput.createTopics(kafka.bootstrapServers(), topics, options.partitions());
        return new JobRun(
                name,
                cli,
                kafka.bootstrapServers(),
                topics,
                options.out().resolve(name + "-state"),
                stateDir,
                logs(),
                options.partitions());
    }

    private List<String> replayArgs(EdgesplitTopics topics) {
        return List.of(
                "replay",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--trace",
                options.out().resolve("trace").toString(),
                "--topic-map",
                EdgesplitTopics.DEFAULT_TELEMETRY
                        + "="
                        + topics.telemetry()
                        + ","
                        + EdgesplitTopics.DEFAULT_FRAMES
                        + "="
                        + topics.frames(),
                "--create-topics",
                "--speed",
                Double.toString(options.speed()));
    }

    private boolean supportsStateDir() throws Exception {
        String help =
                cli.output(
                        List.of("job", "--help"),
                        logs().resolve("job-help.log"),
                        Duration.ofMinutes(1));
        return help.contains("--state-dir");
    }

    private void injectFaults() throws Exception {
        for (int k = 0; k < options.kills(); k++) {
            if (!killOnce(k)) {
                note(
                        String.format(
                                Locale.ROOT,
                                "only %d of %d kills happened while frames streamed: give a longer --duration",
                                kills.size(),
                                options.kills()));
                break;
            }
        }
        if (!options.brokerOutage().isZero()) {
            brokerOutage();
        }
        if (options.pauseKill()) {
            pauseKill();
        }
    }

    /** One SIGKILL at a seeded random point of the current attempt, then a restart. */
    private boolean killOnce(int k) throws Exception {
        long started = crash.startedNanos();
        double slotS = Math.max(2.0, (streamEndNanos - started) / 1e9 / (options.kills() - k));
        boolean starting = random.nextDouble() < STARTING_KILL_SHARE;
        double delayS = random.nextDouble();
        if (starting) {
            waitUntil(started + seconds(delayS * Math.min(15, slotS)), () -> false);
        } else {
            long progressBy = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
            waitUntil(progressBy, () -> crashCounter.grewAfter(started) || !crash.alive());
            long since = Math.max(System.nanoTime(), started);
            double rest = Math.max(0.5, slotS - (since - started) / 1e9);
            waitUntil(since + seconds(0.5 + delayS * rest), () -> !crash.alive());
        }
        if (!crash.alive()) {
            throw new IllegalStateException(
                    "the crash job ended by itself"
                            + crash.exited().map(c -> " with exit code " + c).orElse("")
                            + ": "
                            + EdgesplitCli.lastLine(crash.log()));
        }
        if (streamOver()) {
            return false;
        }
        killAndRestart(k + 1, crashCounter.grewAfter(started) ? "processing" : "starting");
        return true;
    }

    /** SIGKILLs the crash job, records the kill and starts the next attempt at once. */
    private void killAndRestart(int number, String phase) throws Exception {
        long pid = crash.pid();
        double uptime = (System.nanoTime() - crash.startedNanos()) / 1e9;
        crash.kill();
        long killed = System.nanoTime();
        kills.add(new CrashReport.Kill(number, elapsedS(), uptime, phase, pid, killed));
        say("kill   #%d: SIGKILL job pid %d after %.1f s up (%s)", number, pid, uptime, phase);
        crash.start();
        restarts.add(new CrashReport.Restart(number, killed, crash.startedNanos(), crash.log()));
    }

    /**
     * One more kill after the replay ended, while the job still holds its last frames waiting for
     * the watermark (they are released {@code edgesplit.job.source-idleness}, 5 s, after the last
     * record): the restarted job, which reads no record, must release them itself (RELIABILITY.md,
     * finding 1).
     */
    private void pauseKill() throws Exception {
        waitUntil(streamEndNanos + options.drainTimeout().toNanos(), () -> !replaying());
        waitUntil(System.nanoTime() + PAUSE_KILL_DELAY.toNanos(), () -> false);
        killAndRestart(kills.size() + 1, "pause");
    }

    private void brokerOutage() throws Exception {
        long started = crash.startedNanos();
        waitUntil(
                System.nanoTime() + PROGRESS_TIMEOUT.toNanos(),
                () -> crashCounter.grewAfter(started));
        long half = (streamEndNanos - System.nanoTime()) / 2;
        waitUntil(System.nanoTime() + Math.max(0, half), () -> false);
        long before = crashCounter.distinct();
        String replay = replaying() ? "while the replay produced" : "after the replay had ended";
        kafka.stop();
        say(
                "outage broker stopped (SIGTERM) for %d s %s, %d outcomes committed",
                options.brokerOutage().toSeconds(), replay, before);
        waitUntil(System.nanoTime() + options.brokerOutage().toNanos(), () -> false);
        kafka.start();
        long back = System.nanoTime();
        say("outage broker serves clients again on %s", kafka.bootstrapServers());
        waitUntil(back + PROGRESS_TIMEOUT.toNanos(), () -> crashCounter.grewAfter(back));
        String again =
                crashCounter.grewAfter(back)
                        ? String.format(
                                Locale.ROOT,
                                "%.1f s after it served clients again",
                                (crashCounter.firstGrowthAfter(back) - back) / 1e9)
                        : "not within " + PROGRESS_TIMEOUT.toSeconds() + " s";
        note(
                String.format(
                        Locale.ROOT,
                        "broker stopped for %d s %s with %d of %d outcomes committed; the job"
                                + " committed again %s",
                        options.brokerOutage().toSeconds(),
                        replay,
                        before,
                        trace.frames().size(),
                        again));
    }

    private void awaitReplays() throws Exception {
        long deadline = streamEndNanos + options.drainTimeout().toNanos();
        for (Process p : replays) {
            waitUntil(deadline, () -> !p.isAlive());
            if (p.isAlive()) {
                throw new IllegalStateException(
                        "the replay did not end "
                                + options.drainTimeout()
                                + " after the trace's end");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "the replay failed with exit code " + p.exitValue() + ": see " + logs());
            }
        }
        say("replay done: every record acknowledged");
    }

    /** Waits until both runs committed an outcome for every frame, then a little longer. */
    private void drain() throws Exception {
        int frames = trace.frames().size();
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        waitUntil(
                deadline,
                () ->
                        crashCounter.distinct() >= frames
                                && (refCounter == null || refCounter.distinct() >= frames));
        say(
                "drain  outcomes for %d/%d frames (crash)%s; settling %d s for late duplicates",
                crashCounter.distinct(),
                frames,
                refCounter == null
                        ? ""
                        : ", " + refCounter.distinct() + "/" + frames + " (reference)",
                SETTLE.toSeconds());
        waitUntil(System.nanoTime() + SETTLE.toNanos(), () -> false);
    }

    private CrashReport collect() throws Exception {
        RunOutput crashOut = KafkaOutput.read(kafka.bootstrapServers(), CRASH_TOPICS);
        RunOutput refOut =
                reference == null ? null : KafkaOutput.read(kafka.bootstrapServers(), REF_TOPICS);
        CrashReport report =
                CrashReport.of(
                        options,
                        trace,
                        crashOut,
                        refOut,
                        kills,
                        CrashReport.restartTimes(restarts, kills, crashCounter, startNanos),
                        notes,
                        (System.nanoTime() - startNanos) / 1e9);
        out.println();
        out.print(report.summary());
        Files.writeString(options.out().resolve("summary.txt"), report.summary());
        return report;
    }

    private void cleanUp() throws Exception {
        for (Process p : replays) {
            p.destroyForcibly();
        }
        for (JobRun job : new JobRun[] {crash, reference}) {
            if (job != null && job.alive()) {
                job.stop(STOP_GRACE);
            }
        }
        for (CommittedCounter c : new CommittedCounter[] {crashCounter, refCounter}) {
            if (c != null) {
                c.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * Whether frames no longer stream: the replay ended. (Kills after that, while the job still
     * holds frames waiting for the watermark, hit a known problem: see RELIABILITY.md.)
     */
    private boolean streamOver() {
        return !replaying();
    }

    private boolean replaying() {
        return !replays.isEmpty() && replays.get(0).isAlive();
    }

    /**
     * Sleeps until {@code deadline} or {@code done}, printing a progress line every few seconds.
     */
    private void waitUntil(long deadline, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            if (System.nanoTime() - lastPrintNanos >= PROGRESS_EVERY.toNanos()) {
                progress();
            }
            TimeUnit.MILLISECONDS.sleep(
                    Math.max(
                            1,
                            Math.min(TICK.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private void progress() {
        lastPrintNanos = System.nanoTime();
        int frames = trace.frames().size();
        String jobState =
                crash.alive()
                        ? String.format(
                                Locale.ROOT,
                                "pid %d up %.0f s",
                                crash.pid(),
                                (System.nanoTime() - crash.startedNanos()) / 1e9)
                        : "not running" + crash.exited().map(c -> " (exit " + c + ")").orElse("");
        say(
                "crash job attempt %d %s | kills %d/%d | outcomes %d/%d (%d records)%s | replay %s",
                crash.attempts(),
                jobState,
                kills.size(),
                options.kills(),
                crashCounter.distinct(),
                frames,
                crashCounter.records(),
                refCounter == null
                        ? ""
                        : String.format(
                                Locale.ROOT, " | reference %d/%d", refCounter.distinct(), frames),
                replaying() ? "running" : "done");
    }

    private void say(String format, Object... args) {
        out.printf(
                Locale.ROOT, "[%5.0fs] %s%n", elapsedS(), String.format(Locale.ROOT, format, args));
    }

    private void note(String text) {
        notes.add(text);
        say("note   %s", text);
    }

    private double elapsedS() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private Path logs() {
        return options.out().resolve("logs");
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
