package io.edgesplit.kafka.client;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The Kafka client properties a user gives (security, timeouts, anything Kafka's clients take):
 * from {@code --kafka-config FILE} and {@code --kafka-property KEY=VALUE} on the command line, or
 * from {@code edgesplit.kafka.properties.<key>} options in a Flink configuration. Every Kafka
 * client edgesplit makes starts from these and then sets its own settings on top ({@link
 * #merge(Properties)}); the keys edgesplit must own are refused up front ({@link #RESERVED}).
 *
 * <p>Values are secrets as often as not ({@code sasl.jaas.config}, {@code ssl.keystore.password}):
 * {@link #toString()} names the keys only, and no message of this class quotes a value.
 */
public final class KafkaClientProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Prefix of the job's options that are passed to every Kafka client of the job. */
    public static final String OPTION_PREFIX = "edgesplit.kafka.properties.";

    /** No properties: PLAINTEXT, Kafka's defaults. */
    public static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

    /**
     * Keys edgesplit sets itself, with what to use instead. A user's value would break a guarantee
     * (exactly once, read_committed outputs, record size limits) or contradict another option.
     */
    public static final Map<String, String> RESERVED =
            Map.ofEntries(
                    Map.entry("bootstrap.servers", "--bootstrap"),
                    Map.entry("transactional.id", "edgesplit.kafka.transactional-id-prefix"),
                    Map.entry("isolation.level", "nothing: outputs are read read_committed"),
                    Map.entry("group.id", "edgesplit.kafka.group-id"),
                    Map.entry("enable.auto.commit", "nothing: positions live in Flink state"),
                    Map.entry("key.serializer", "nothing: edgesplit writes Avro"),
                    Map.entry("value.serializer", "nothing: edgesplit writes Avro"),
                    Map.entry("key.deserializer", "nothing: edgesplit reads Avro"),
                    Map.entry("value.deserializer", "nothing: edgesplit reads Avro"),
                    Map.entry("max.request.size", "edgesplit.kafka.max-message-bytes"),
                    Map.entry("max.partition.fetch.bytes", "edgesplit.kafka.max-message-bytes"),
                    Map.entry("transaction.timeout.ms", "edgesplit.kafka.transaction-timeout"));

    private final TreeMap<String, String> values;

    private KafkaClientProperties(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /**
     * The properties of a {@code --kafka-config} file (may be null) overlaid with {@code
     * --kafka-property KEY=VALUE} pairs (may be empty).
     *
     * @throws IllegalArgumentException naming the file or pair that is unreadable, malformed or
     *     sets a {@link #RESERVED} key
     */
    public static KafkaClientProperties of(Path configFile, List<String> pairs) {
        Map<String, String> all = new TreeMap<>();
        if (configFile != null) {
            all.putAll(read(configFile));
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--kafka-property '"
                                + keyOnly(pair)
                                + "' is not KEY=VALUE: give e.g. --kafka-property"
                                + " security.protocol=SASL_SSL");
            }
            all.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return checked(all, "--kafka-config/--kafka-property");
    }

    /** The {@code edgesplit.kafka.properties.*} options of a Flink configuration. */
    public static KafkaClientProperties fromConfig(ReadableConfig config) {
        Map<String, String> all = new TreeMap<>();
        config.toMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(OPTION_PREFIX)) {
                                all.put(k.substring(OPTION_PREFIX.length()), v);
                            }
                        });
        KafkaClientProperties checked = checked(all, OPTION_PREFIX + "*");
        checked.requireMaskedByFlink();
        return checked;
    }

    /**
     * Refuses secrets whose option name Flink would not mask in its logs and web UI: Flink hides
     * the values of keys that contain "password", "secret", "token" or "jaas.config", but not
     * inline PEM ({@code ssl.keystore.key}); those belong in a file.
     */
    private void requireMaskedByFlink() {
        for (String key : values.keySet()) {
            if (isSecret(key) && !GlobalConfiguration.isSensitive(OPTION_PREFIX + key)) {
                throw new IllegalArgumentException(
                        "Kafka property "
                                + key
                                + " is a secret that Flink would show in its web UI: give it in a"
                                + " file instead (ssl.keystore.location with ssl.keystore.type=PEM"
                                + " or PKCS12)");
            }
        }
    }

    /** These properties as {@code edgesplit.kafka.properties.<key>} job options. */
    public Map<String, String> asOptions() {
        Map<String, String> options = new TreeMap<>();
        values.forEach((k, v) -> options.put(OPTION_PREFIX + k, v));
        return options;
    }

    /**
     * A copy of these properties with {@code ours} set on top: the one place where a client's
     * properties are put together. Ours hold no {@link #RESERVED} key a user could have set, so
     * nothing the user gave is silently dropped.
     */
    public Properties merge(Properties ours) {
        Properties all = new Properties();
        all.putAll(values);
        all.putAll(ours);
        return all;
    }

    /** True when no property was given. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** The keys given, sorted. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * True for keys whose values must never be shown: those Kafka's clients declare as passwords
     * ({@code sasl.jaas.config}, {@code ssl.keystore.password}, {@code ssl.keystore.key}, ...).
     */
    public static boolean isSecret(String key) {
        return Stream.of(
                        ProducerConfig.configDef(),
                        ConsumerConfig.configDef(),
                        AdminClientConfig.configDef())
                .map(def -> def.configKeys().get(key))
                .anyMatch(k -> k != null && k.type == ConfigDef.Type.PASSWORD);
    }

    /** The keys, never the values: {@code KafkaClientProperties[sasl.jaas.config, ...]}. */
    @Override
    public String toString() {
        return "KafkaClientProperties" + values.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientProperties other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    private static KafkaClientProperties checked(Map<String, String> all, String source) {
        for (String key : all.keySet()) {
            if (key.isBlank()) {
                throw new IllegalArgumentException(source + ": a property has an empty key");
            }
            String instead = RESERVED.get(key);
            if (instead != null) {
                throw new IllegalArgumentException(
                        source
                                + ": Kafka property "
                                + key
                                + " is set by edgesplit; use "
                                + instead);
            }
        }
        return all.isEmpty() ? NONE : new KafkaClientProperties(all);
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "--kafka-config " + file + " does not exist: give a Java properties file");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--kafka-config "
                            + file
                            + " is not a readable properties file ("
                            + e.getClass().getSimpleName()
                            + "): give KEY=VALUE lines");
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).strip()));
        return m;
    }

    private static String keyOnly(String pair) {
        // never echo what might be a secret: up to the first '=' or 10 characters
        int eq = pair.indexOf('=');
        String key = eq >= 0 ? pair.substring(0, eq) : pair;
        return key.length() > 10 ? key.substring(0, 10) + "..." : key;
    }
}
