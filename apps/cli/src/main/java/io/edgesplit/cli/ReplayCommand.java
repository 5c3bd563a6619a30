package io.edgesplit.cli;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.JobTopics;
import io.edgesplit.kafka.client.KafkaAccess;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.recording.TraceReader;
import io.edgesplit.kafka.recording.TraceReplayer;
import io.edgesplit.kafka.recording.TraceReplayer.TimestampMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code edgesplit replay}: a trace directory back into Kafka. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Produces the records of a trace directory (from record or gen-trace) to Kafka: keys, value"
                    + " bytes and headers as recorded, in timestamp order (each key's order kept),"
                    + " paced by the recorded gaps divided by --speed.",
            "Every record gets a Kafka timestamp: shifted so the trace starts now (--timestamps shift),"
                    + " or as recorded (keep). The event times inside the payloads stay as recorded"
                    + " unless --rewrite-payloads. Progress on stderr, a summary on stdout; Ctrl-C"
                    + " stops after flushing."
        })
public final class ReplayCommand implements Callable<Integer> {

    /** The only -D options replay takes: the job's topic names. */
    static final List<String> TOPIC_OPTIONS =
            Stream.of(
                            KafkaOptions.TOPIC_TELEMETRY,
                            KafkaOptions.TOPIC_FRAMES,
                            KafkaOptions.TOPIC_PROFILES,
                            KafkaOptions.TOPIC_DECISIONS,
                            KafkaOptions.TOPIC_RESULTS,
                            KafkaOptions.TOPIC_DEAD_LETTERS)
                    .map(ConfigOption::key)
                    .toList();

    /** Kafka's default log.message.timestamp.after.max.ms (since Kafka 4.0). */
    static final long BROKER_FUTURE_LIMIT_MS = 3_600_000;

    @Spec private CommandSpec spec;

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--trace",
            required = true,
            paramLabel = "DIR",
            description = "Trace directory written by record or gen-trace.")
    private Path trace;

    @Option(
            names = "--speed",
            defaultValue = "1",
            converter = SpeedConverter.class,
            paramLabel = "X",
            description =
                    "Pace: 1 = as recorded, 2 = twice as fast, 0 or max = as fast as possible"
                            + " (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--loop", description = "Replay again and again until Ctrl-C.")
    private boolean loop;

    @Option(
            names = "--loops",
            defaultValue = "1",
            paramLabel = "N",
            description = "Replay N times (default: ${DEFAULT-VALUE}).")
    private int loops;

    @Option(
            names = "--rate-limit",
            converter = RateConverter.class,
            paramLabel = "N/s",
            description = "At most N records per second, e.g. 500/s (default: no limit).")
    private double rateLimit;

    @Option(
            names = "--timestamps",
            defaultValue = "shift",
            converter = TimestampModeConverter.class,
            paramLabel = "shift|keep",
            description =
                    "Kafka timestamps: shift (the first record gets the start time, the gaps stay)"
                            + " or keep (as recorded) (default: ${DEFAULT-VALUE}).")
    private TimestampMode timestamps;

    @Option(
            names = "--rewrite-payloads",
            description =
                    "Also move the event time inside Frame (captureTime) and DeviceTelemetry"
                            + " (eventTime) values by as much as their Kafka timestamp moved, and,"
                            + " on each further loop, frame ids by one trace's worth. Rewritten values"
                            + " are re-encoded.")
    private boolean rewritePayloads;

    @Option(
            names = "--topics",
            split = ",",
            paramLabel = "TOPIC",
            description = "Replay only these topics of the trace (default: all).")
    private List<String> topics = List.of();

    @Option(
            names = "--topic-map",
            split = ",",
            paramLabel = "FROM=TO",
            description =
                    "Produce a trace topic to another topic, e.g."
                            + " edgesplit.frames=test.frames,edgesplit.telemetry=test.telemetry.")
    private Map<String, String> topicMap = new LinkedHashMap<>();

    @Option(
            names = "--create-topics",
            description =
                    "Create the topics that do not exist: those the trace is replayed into and all"
                            + " of the edge job's topics (telemetry, frames, profiles, decisions,"
                            + " results, dead letters), with the broker's default replication factor.")
    private boolean createTopics;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description =
                    "Partitions of created topics the trace is replayed into (default: as many as"
                            + " recorded; for a generated trace 2 for the job's telemetry and frames"
                            + " topics, 1 otherwise). The job's other topics get 1.")
    private Integer partitions;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description =
                    "The job's topic names, as given to the job: -D edgesplit.kafka.topic.ROLE=NAME"
                            + " (ROLE: telemetry, frames, profiles, decisions, results, deadletters)."
                            + " Trace topics with a default name go to the renamed topic unless"
                            + " --topic-map says otherwise.")
    private Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (loop && loops != 1) {
            throw new IllegalArgumentException(
                    "--loop (until Ctrl-C) and --loops " + loops + " contradict: use one of them");
        }
        if (loops < 1) {
            throw new IllegalArgumentException(
                    "--loops " + loops + " must be 1 or more (--loop: until Ctrl-C)");
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions " + partitions + " must be 1 or more");
        }
        EdgesplitTopics jobTopics = jobTopics(options);
        TraceReader reader = TraceReader.open(trace);
        TraceReplayer.Options replayOptions =
                new TraceReplayer.Options(
                        topics,
                        withRenamedTopics(topicMap, jobTopics, reader.manifest().topicNames()),
                        speed,
                        rateLimit,
                        loop ? 0 : loops,
                        timestamps,
                        rewritePayloads);
        TraceReplayer replayer = new TraceReplayer(reader, replayOptions);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (loop && !rewritePayloads) {
            err.println(
                    "edgesplit replay: note: --loop without --rewrite-payloads repeats the payload"
                            + " event times and frame ids; the edge job treats repeats as late or"
                            + " duplicate frames");
        }
        warnIfTimestampsRunAhead(replayer, err);
        ensureTopics(replayer, jobTopics, err);
        err.printf(
                Locale.ROOT,
                "edgesplit replay: %s records of %s to %s at %s%s, timestamps %s (Ctrl-C stops)%n",
                ProgressLine.count(replayer.recordsPerLoop()),
                trace,
                bootstrap,
                speed == 0 ? "max speed" : "speed " + speed,
                rateLimit > 0 ? ", at most " + rateLimit + " records/s" : "",
                timestamps.name().toLowerCase(Locale.ROOT));
        err.flush();
        ProgressLine progress = new ProgressLine(err);
        try (KafkaProducer<byte[], byte[]> producer =
                        TraceReplayer.producer(
                                bootstrap,
                                KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes(),
                                kafkaClient.properties());
                SignalStop signal = SignalStop.install(replayer::stop)) {
            replay(replayer, producer, progress, out);
        }
        return 0;
    }

    private void replay(
            TraceReplayer replayer,
            KafkaProducer<byte[], byte[]> producer,
            ProgressLine progress,
            PrintWriter out)
            throws InterruptedException {
        TraceReplayer.Progress[] last = {
            new TraceReplayer.Progress(0, 0, 0, replayer.recordsPerLoop())
        };
        TraceReplayer.Summary summary =
                replayer.run(
                        producer,
                        p -> {
                            last[0] = p;
                            progress.update(() -> line(p, progress));
                        });
        progress.finish(line(last[0], progress));
        out.print(summary(summary));
        out.flush();
    }

    /**
     * Shifted timestamps keep the recorded gaps while a speed above 1 sends faster: they run ahead
     * of the clock, and brokers refuse records too far in the future.
     */
    private void warnIfTimestampsRunAhead(TraceReplayer replayer, PrintWriter err) {
        double aheadMs =
                timestampLeadMs(timestamps, speed, loop ? 0 : loops, replayer.loopPeriodMs());
        if (aheadMs > BROKER_FUTURE_LIMIT_MS * 0.8) {
            err.println(
                    "edgesplit replay: note: with --timestamps shift at this speed the Kafka"
                            + " timestamps run up to "
                            + (Double.isInfinite(aheadMs)
                                    ? "ever more"
                                    : ProgressLine.duration((long) aheadMs))
                            + " ahead of the clock; brokers refuse records more than"
                            + " log.message.timestamp.after.max.ms (1 h by default) ahead: use"
                            + " --timestamps keep, a lower --speed, or raise that setting");
        }
    }

    /**
     * How far ahead of the wall clock the Kafka timestamps of a replay get at most: shifted
     * timestamps keep the recorded gaps while a speed above 1 (or max = 0) sends faster.
     *
     * @param loops passes over the trace, 0 = forever
     * @param loopPeriodMs trace time of one pass
     */
    static double timestampLeadMs(TimestampMode mode, double speed, int loops, long loopPeriodMs) {
        if (mode != TimestampMode.SHIFT || (speed != 0 && speed <= 1)) {
            return 0;
        }
        double traceMs = loops == 0 ? Double.POSITIVE_INFINITY : (double) loops * loopPeriodMs;
        return speed == 0 ? traceMs : traceMs * (1 - 1 / speed);
    }

    private void ensureTopics(TraceReplayer replayer, EdgesplitTopics jobTopics, PrintWriter err) {
        KafkaClientProperties client = kafkaClient.properties();
        try (Admin admin = TraceReplayer.admin(bootstrap, client)) {
            // before the existence check: a topic the principal may not see looks missing
            KafkaAccess.require(
                    admin,
                    bootstrap,
                    client,
                    new KafkaAccess.Needs(
                            List.of(),
                            replayer.targetTopics().keySet(),
                            List.of(),
                            Optional.empty()));
            ensureTopics(admin, replayer, jobTopics, err);
        }
    }

    private void ensureTopics(
            Admin admin, TraceReplayer replayer, EdgesplitTopics jobTopics, PrintWriter err) {
        if (createTopics) {
            JobTopics.createMissing(
                            admin,
                            bootstrap,
                            topicsToCreate(replayer, jobTopics),
                            KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes())
                    .forEach(
                            (t, n) ->
                                    err.println(
                                            "edgesplit replay: " + JobTopics.createdLine(t, n)));
            return;
        }
        List<String> missing =
                TraceReplayer.missingTopics(admin, bootstrap, replayer.targetTopics().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    (missing.size() == 1 ? "topic " : "topics ")
                            + String.join(", ", missing)
                            + (missing.size() == 1 ? " does" : " do")
                            + " not exist on "
                            + bootstrap
                            + ": create "
                            + (missing.size() == 1 ? "it" : "them")
                            + ", map the trace's topics with --topic-map, or add"
                            + " --create-topics");
        }
    }

    /**
     * The trace's target topics (--partitions, else as recorded, else the job's default for that
     * topic), then the job's other topics with their defaults.
     */
    private Map<String, Integer> topicsToCreate(TraceReplayer replayer, EdgesplitTopics jobTopics) {
        Map<String, Integer> jobDefaults = JobTopics.defaultPartitions(jobTopics);
        Map<String, Integer> create = new LinkedHashMap<>();
        replayer.recordedPartitions()
                .forEach(
                        (t, recorded) ->
                                create.put(
                                        t,
                                        partitions != null
                                                ? partitions
                                                : recorded > 0
                                                        ? recorded
                                                        : jobDefaults.getOrDefault(
                                                                t, JobTopics.OTHER_PARTITIONS)));
        jobDefaults.forEach(create::putIfAbsent);
        return create;
    }

    /** The job's topic names from {@code -D edgesplit.kafka.topic.*}; other keys are refused. */
    static EdgesplitTopics jobTopics(Map<String, String> options) {
        Configuration conf = new Configuration();
        options.forEach(
                (k, v) -> {
                    if (!TOPIC_OPTIONS.contains(k)) {
                        throw new IllegalArgumentException(
                                "-D "
                                        + k
                                        + ": replay takes only the job's topic names, -D KEY=NAME"
                                        + " with KEY one of "
                                        + String.join(", ", TOPIC_OPTIONS));
                    }
                    conf.setString(k, v);
                });
        return EdgesplitTopics.fromConfig(conf);
    }

    /**
     * {@code topicMap} plus, for each of the job's topics renamed with -D, the trace topic of the
     * default name to the new one (unless the map already says where that topic goes).
     */
    static Map<String, String> withRenamedTopics(
            Map<String, String> topicMap, EdgesplitTopics jobTopics, List<String> traceTopics) {
        Map<String, String> out = new LinkedHashMap<>(topicMap);
        List<String> defaults = EdgesplitTopics.defaults().all();
        List<String> configured = jobTopics.all();
        for (int i = 0; i < defaults.size(); i++) {
            String from = defaults.get(i);
            if (!from.equals(configured.get(i)) && traceTopics.contains(from)) {
                out.putIfAbsent(from, configured.get(i));
            }
        }
        return out;
    }

    private String line(TraceReplayer.Progress p, ProgressLine progress) {
        double secs = progress.elapsedSeconds();
        long inLoop = p.records() - (long) p.loop() * p.recordsPerLoop();
        double f = p.recordsPerLoop() == 0 ? 1 : (double) inLoop / p.recordsPerLoop();
        return String.format(
                Locale.ROOT,
                "%s %3.0f%%  %s/%s records%s  %s  %s rec/s  [%.0f s]",
                ProgressLine.bar(f, 20),
                100 * f,
                ProgressLine.count(inLoop),
                ProgressLine.count(p.recordsPerLoop()),
                loop || loops > 1 ? " (loop " + (p.loop() + 1) + ")" : "",
                ProgressLine.bytes(p.bytes()),
                ProgressLine.rate(p.records(), secs),
                secs);
    }

    private String summary(TraceReplayer.Summary s) {
        double secs = s.wallNanos() / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "replayed %s records (%s) in %s, %s records/s%s%s%n",
                        ProgressLine.count(s.records()),
                        ProgressLine.bytes(s.bytes()),
                        ProgressLine.duration(s.wallNanos() / 1_000_000),
                        ProgressLine.rate(s.records(), secs),
                        s.loops() > 1 ? ", " + s.loops() + " loops" : "",
                        s.stopped() ? ", stopped early" : ""));
        int w = "topic".length();
        for (String t : s.recordsByTopic().keySet()) {
            w = Math.max(w, t.length());
        }
        String row = "  %-" + w + "s  %12s%n";
        b.append(String.format(Locale.ROOT, row, "topic", "records"));
        s.recordsByTopic()
                .forEach(
                        (t, n) ->
                                b.append(
                                        String.format(Locale.ROOT, row, t, ProgressLine.count(n))));
        b.append(
                String.format(
                        Locale.ROOT,
                        "Kafka timestamps %s: %s .. %s%n",
                        timestamps == TimestampMode.SHIFT ? "shifted" : "as recorded",
                        TraceTable.time(s.firstTimestamp()),
                        TraceTable.time(s.lastTimestamp())));
        if (rewritePayloads) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "payloads rewritten: %s%s%n",
                            ProgressLine.count(s.payloadsRewritten()),
                            s.payloadsUndecodable() > 0
                                    ? ", "
                                            + ProgressLine.count(s.payloadsUndecodable())
                                            + " did not decode and were sent as recorded"
                                    : ""));
        }
        return b.toString();
    }

    /** {@code --speed}: a factor > 0, or 0 / max for no pacing. */
    static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("max")) {
                return 0.0;
            }
            double d;
            try {
                d = Double.parseDouble(v.endsWith("x") ? v.substring(0, v.length() - 1) : v);
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'"
                                + value
                                + "' is not a speed: use a factor such as 1, 2.5 or 0.5, or max");
            }
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new TypeConversionException(
                        "'" + value + "' is not a speed: use a factor > 0, or 0/max for no pacing");
            }
            return d;
        }
    }

    /** {@code --rate-limit}: {@code N}, {@code N/s} or {@code Nk/s}. */
    static final class RateConverter implements ITypeConverter<Double> {
        private static final Pattern RATE =
                Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(k?)\\s*(?:/s)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Double convert(String value) {
            Matcher m = RATE.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException(
                        "'"
                                + value
                                + "' is not a rate: write records per second, e.g. 500/s or 2k/s");
            }
            double r = Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
            if (!(r > 0)) {
                throw new TypeConversionException(
                        "'" + value + "' is not a rate: it must be more than 0 records per second");
            }
            return r;
        }
    }

    /** {@code --timestamps}: shift or keep. */
    static final class TimestampModeConverter implements ITypeConverter<TimestampMode> {
        @Override
        public TimestampMode convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "shift" -> TimestampMode.SHIFT;
                case "keep" -> TimestampMode.KEEP;
                default ->
                        throw new TypeConversionException(
                                "'" + value + "' is not a timestamp mode: use shift or keep");
            };
        }
    }
}
