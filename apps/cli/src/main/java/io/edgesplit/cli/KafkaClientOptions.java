package io.edgesplit.cli;

import io.edgesplit.kafka.client.KafkaClientProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE} and {@code --kafka-property KEY=VALUE}: Kafka client properties
 * (security, timeouts) for every Kafka client a command makes, as Kafka's own tools take them with
 * {@code --command-config}. A picocli mixin of every command that talks to Kafka.
 */
public final class KafkaClientOptions {

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description =
                    "Java properties file of Kafka client settings (security.protocol,"
                            + " sasl.*, ssl.*, ...) for every Kafka client of this command;"
                            + " see docs/security.md.")
    Path configFile;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "One Kafka client setting, repeatable; overrides --kafka-config. Keep secrets"
                            + " in the file: a command line is visible to other users.")
    List<String> pairs = new ArrayList<>();

    private KafkaClientProperties parsed;

    /**
     * The properties given, read once (the file is read on the first call).
     *
     * @throws IllegalArgumentException for an unreadable file, a malformed pair or a key edgesplit
     *     sets itself
     */
    public KafkaClientProperties properties() {
        if (parsed == null) {
            parsed = KafkaClientProperties.of(configFile, pairs);
        }
        return parsed;
    }
}
