package io.edgesplit.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The topic names the job reads and writes. Defaults are {@code edgesplit.telemetry}, {@code
 * edgesplit.frames}, {@code edgesplit.decisions}, {@code edgesplit.results}, {@code
 * edgesplit.deadletters} and {@code edgesplit.profiles}; each can be changed with the {@code
 * edgesplit.kafka.topic.*} options of {@link KafkaOptions}.
 *
 * @param telemetry DeviceTelemetry in
 * @param frames Frame in
 * @param decisions Decision out
 * @param results InferenceResult out (exactly once)
 * @param deadLetters DeadLetter out: input records that could not be used
 * @param profiles ModelProfile in (compacted, key = modelId)
 */
public record EdgesplitTopics(
        String telemetry,
        String frames,
        String decisions,
        String results,
        String deadLetters,
        String profiles) {

    public static final String DEFAULT_TELEMETRY = "edgesplit.telemetry";
    public static final String DEFAULT_FRAMES = "edgesplit.frames";
    public static final String DEFAULT_DECISIONS = "edgesplit.decisions";
    public static final String DEFAULT_RESULTS = "edgesplit.results";
    public static final String DEFAULT_DEAD_LETTERS = "edgesplit.deadletters";
    public static final String DEFAULT_PROFILES = "edgesplit.profiles";

    /** Kafka's rule for topic names (legal characters, at most 249 of them). */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public EdgesplitTopics {
        check("telemetry", telemetry);
        check("frames", frames);
        check("decisions", decisions);
        check("results", results);
        check("deadLetters", deadLetters);
        check("profiles", profiles);
        Set<String> seen = new HashSet<>();
        for (String topic : List.of(telemetry, frames, decisions, results, deadLetters, profiles)) {
            if (!seen.add(topic)) {
                throw new IllegalArgumentException(
                        "topic '"
                                + topic
                                + "' is configured for two roles: give each edgesplit.kafka.topic.*"
                                + " option its own topic");
            }
        }
    }

    /** The default names. */
    public static EdgesplitTopics defaults() {
        return new EdgesplitTopics(
                DEFAULT_TELEMETRY,
                DEFAULT_FRAMES,
                DEFAULT_DECISIONS,
                DEFAULT_RESULTS,
                DEFAULT_DEAD_LETTERS,
                DEFAULT_PROFILES);
    }

    /** The names set in {@code config} ({@code edgesplit.kafka.topic.*}), defaults elsewhere. */
    public static EdgesplitTopics fromConfig(ReadableConfig config) {
        return new EdgesplitTopics(
                config.get(KafkaOptions.TOPIC_TELEMETRY),
                config.get(KafkaOptions.TOPIC_FRAMES),
                config.get(KafkaOptions.TOPIC_DECISIONS),
                config.get(KafkaOptions.TOPIC_RESULTS),
                config.get(KafkaOptions.TOPIC_DEAD_LETTERS),
                config.get(KafkaOptions.TOPIC_PROFILES));
    }

    /** Every name with {@code prefix} in front, e.g. to keep tests apart on one broker. */
    public EdgesplitTopics withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new EdgesplitTopics(
                prefix + telemetry,
                prefix + frames,
                prefix + decisions,
                prefix + results,
                prefix + deadLetters,
                prefix + profiles);
    }

    /** All six names, inputs first. */
    public List<String> all() {
        return List.of(telemetry, frames, profiles, decisions, results, deadLetters);
    }

    /** Whether Kafka accepts {@code topic} as a topic name. */
    public static boolean isLegalName(String topic) {
        return topic != null
                && LEGAL.matcher(topic).matches()
                && !".".equals(topic)
                && !"..".equals(topic);
    }

    private static void check(String role, String topic) {
        if (!isLegalName(topic)) {
            throw new IllegalArgumentException(
                    "invalid "
                            + role
                            + " topic name '"
                            + topic
                            + "': use 1-249 characters from a-z, A-Z, 0-9, '.', '_' and '-'");
        }
    }
}
