package io.edgesplit.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.kafka.KafkaOptions;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every option the job reads. */
class ConfigurationDocTest {

    @Test
    void everyOptionIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "..", "docs", "configuration.md"));
        List<String> keys = new ArrayList<>();
        for (Class<?> options : List.of(EdgeJobOptions.class, KafkaOptions.class)) {
            for (Field f : options.getFields()) {
                if (f.get(null) instanceof ConfigOption<?> o) {
                    keys.add(o.key());
                }
            }
        }
        ControllerConfig.OPTIONS.forEach(o -> keys.add(o.key()));
        assertThat(keys).hasSizeGreaterThan(30);
        assertThat(keys)
                .allSatisfy(
                        k ->
                                assertThat(doc)
                                        .as("docs/configuration.md documents %s", k)
                                        .contains("`" + k + "`"));
    }
}
