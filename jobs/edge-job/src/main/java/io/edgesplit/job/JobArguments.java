package io.edgesplit.job;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaClientProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Arguments of the job jar: {@code --bootstrap HOST:PORT}, {@code --config FILE.yaml} (Flink's
 * config.yaml format, edgesplit.* keys), {@code --kafka-config FILE} (Kafka client properties,
 * turned into {@code edgesplit.kafka.properties.*} options) and any number of {@code -D key=value}
 * (or {@code -Dkey=value}), later ones winning.
 */
final class JobArguments {

    private JobArguments() {}

    static Configuration parse(String[] args) {
        Configuration conf = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--bootstrap") || a.equals("--bootstrap-servers")) {
                conf.set(KafkaOptions.BOOTSTRAP_SERVERS, value(args, ++i, a));
            } else if (a.equals("--config")) {
                Path file = Path.of(value(args, ++i, a));
                conf.addAll(loadYaml(file));
            } else if (a.equals("--kafka-config")) {
                Path file = Path.of(value(args, ++i, a));
                KafkaClientProperties.of(file, List.of()).asOptions().forEach(conf::setString);
            } else if (a.equals("-D")) {
                put(conf, value(args, ++i, a));
            } else if (a.startsWith("-D") && a.length() > 2) {
                put(conf, a.substring(2));
            } else {
                throw new IllegalArgumentException(
                        "unexpected argument '"
                                + a
                                + "': use --bootstrap HOST:PORT, --config FILE, --kafka-config FILE"
                                + " and -D key=value");
            }
        }
        return conf;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void put(Configuration conf, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("-D " + kv + " is not key=value");
        }
        conf.setString(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }

    private static Configuration loadYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("--config " + file + " does not exist"));
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!file.getFileName().toString().equals("config.yaml")) {
            throw new IllegalArgumentException(
                    "--config must name a Flink config.yaml file, got " + file);
        }
        return GlobalConfiguration.loadConfiguration(dir.toString());
    }
}
