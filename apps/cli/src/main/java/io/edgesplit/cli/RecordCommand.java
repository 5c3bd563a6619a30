package io.edgesplit.cli;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaAccess;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.client.KafkaClusters;
import io.edgesplit.kafka.recording.TraceCompression;
import io.edgesplit.kafka.recording.TraceManifest;
import io.edgesplit.kafka.recording.TraceRecorder;
import io.edgesplit.kafka.recording.TraceWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit record}: Kafka topics into a trace directory. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = {
            "Records Kafka topics into a trace directory (docs/replay.md): one Avro container file per"
                    + " topic partition with every record's key, value bytes, timestamp and headers,"
                    + " and a manifest.json (topics, counts, time span, schema fingerprints).",
            "Reads with isolation.level=read_committed (records of aborted transactions are left out),"
                    + " without a consumer group. Stops after --duration, --max-records, at the end"
                    + " (--to-end), or on Ctrl-C; the manifest is written in every case."
                    + " Progress on stderr, a summary on stdout."
        })
public final class RecordCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Trace directory to write; must not exist or be empty.")
    private Path out;

    @Option(
            names = "--topics",
            split = ",",
            paramLabel = "TOPIC",
            description =
                    "Topics to record (default: those of the six edgesplit topics that exist).")
    private List<String> topics;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "Stop after this long, e.g. 30s, 5m (default: no limit).")
    private Duration duration;

    @Option(
            names = "--from-beginning",
            description =
                    "Start at the earliest offsets (default: only records produced from now).")
    private boolean fromBeginning;

    @Option(
            names = "--to-end",
            description =
                    "With --from-beginning: stop once every partition is read up to its end at the"
                            + " start (a snapshot of the topics).")
    private boolean toEnd;

    @Option(
            names = "--max-records",
            defaultValue = "0",
            paramLabel = "N",
            description = "Stop after N records (default: no limit).")
    private long maxRecords;

    @Option(
            names = "--compression",
            defaultValue = "none",
            paramLabel = "C",
            description =
                    "Block compression of the files: none, deflate, snappy, zstd (default:"
                            + " ${DEFAULT-VALUE}).")
    private String compression;

    /** Fails in one line when this client may not READ one of the topics (a missing ACL). */
    private void requireRead(KafkaClientProperties client, List<String> names) {
        try (Admin admin = KafkaClusters.admin(bootstrap, client, "edgesplit-record-check")) {
            KafkaAccess.require(
                    admin,
                    bootstrap,
                    client,
                    new KafkaAccess.Needs(names, List.of(), List.of(), Optional.empty()));
        }
    }

    @Override
    public Integer call() {
        if (toEnd && !fromBeginning) {
            throw new IllegalArgumentException(
                    "--to-end without --from-beginning records nothing: add --from-beginning");
        }
        if (maxRecords < 0) {
            throw new IllegalArgumentException(
                    "--max-records " + maxRecords + " is negative: use 1 or more");
        }
        TraceCompression codec = TraceCompression.fromName(compression);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        KafkaClientProperties client = kafkaClient.properties();
        try (TraceRecorder recorder =
                new TraceRecorder(
                        bootstrap, KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes(), client)) {
            if (topics != null) {
                // before the existence check: a topic the principal may not see looks missing
                requireRead(client, topics);
            }
            List<String> names = topics(recorder);
            requireRead(client, names);
            TraceRecorder.Options options =
                    new TraceRecorder.Options(names, fromBeginning, toEnd, duration, maxRecords);
            try (TraceWriter writer =
                    TraceWriter.builder(out)
                            .createdBy(TraceTable.createdBy("record"))
                            .source("bootstrap", bootstrap)
                            .source("topics", String.join(",", names))
                            .source("start", fromBeginning ? "earliest" : "latest")
                            .compression(codec)
                            .topics(names)
                            .create()) {
                record(recorder, writer, options, names, err, stdout);
            }
        }
        return 0;
    }

    private void record(
            TraceRecorder recorder,
            TraceWriter writer,
            TraceRecorder.Options options,
            List<String> names,
            PrintWriter err,
            PrintWriter stdout) {
        err.printf(
                "edgesplit record: %s from %s into %s (Ctrl-C stops)%n",
                String.join(", ", names), fromBeginning ? "the beginning" : "now on", out);
        err.flush();
        ProgressLine progress = new ProgressLine(err);
        try (SignalStop signal = SignalStop.install(recorder::stop)) {
            TraceRecorder.Summary summary =
                    recorder.record(writer, options, w -> progress.update(() -> line(w, progress)));
            progress.finish(line(writer, progress));
            stdout.print(summary(summary));
            stdout.flush();
        }
    }

    private List<String> topics(TraceRecorder recorder) {
        if (topics == null || topics.isEmpty()) {
            List<String> all = EdgesplitTopics.defaults().all();
            List<String> existing = recorder.existingTopics(all);
            if (existing.isEmpty()) {
                throw new IllegalArgumentException(
                        "none of the edgesplit topics ("
                                + String.join(", ", all)
                                + ") exist on "
                                + bootstrap
                                + ": name the topics with --topics");
            }
            return existing;
        }
        List<String> existing = recorder.existingTopics(topics);
        List<String> missing = new ArrayList<>(topics);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "--topics: "
                            + String.join(", ", missing)
                            + (missing.size() == 1 ? " does" : " do")
                            + " not exist on "
                            + bootstrap);
        }
        return List.copyOf(topics);
    }

    private String line(TraceWriter w, ProgressLine p) {
        double secs = p.elapsedSeconds();
        String limit = "";
        if (maxRecords > 0 || duration != null) {
            double f = 0;
            if (maxRecords > 0) {
                f = (double) w.records() / maxRecords;
            }
            if (duration != null) {
                f = Math.max(f, secs * 1e3 / duration.toMillis());
            }
            limit = ProgressLine.bar(f, 20) + String.format(Locale.ROOT, " %3.0f%%  ", 100 * f);
        }
        return String.format(
                Locale.ROOT,
                "%s%s records  %s  %s rec/s  [%.0f s]",
                limit,
                ProgressLine.count(w.records()),
                ProgressLine.bytes(w.bytes()),
                ProgressLine.rate(w.records(), secs),
                secs);
    }

    private String summary(TraceRecorder.Summary s) {
        TraceManifest m = s.manifest();
        String why =
                switch (s.reason()) {
                    case DURATION -> "--duration reached";
                    case MAX_RECORDS -> "--max-records reached";
                    case END_REACHED -> "end of the topics reached";
                    case STOPPED -> "stopped";
                };
        return String.format(
                        Locale.ROOT,
                        "recorded %s records (%s) into %s in %s (%s), time span %s%n",
                        ProgressLine.count(m.records()),
                        ProgressLine.bytes(m.bytes()),
                        out,
                        ProgressLine.duration(s.wallNanos() / 1_000_000),
                        why,
                        ProgressLine.duration(m.spanMs()))
                + TraceTable.of(m);
    }
}
