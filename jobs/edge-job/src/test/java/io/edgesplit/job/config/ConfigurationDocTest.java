package io.edgesplit.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.ControllerSetting;
import io.edgesplit.core.controller.PolicyKind;
import io.edgesplit.kafka.KafkaOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's option tables are generated from the options' declarations (Flink {@code
 * ConfigOption}s of the job and the Kafka connector, {@link ControllerConfig#SETTINGS} with the
 * policies that read each): this test renders them and fails when the file differs. Run it with
 * {@code -Dedgesplit.docs.write=true} to rewrite the tables in place.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "..", "docs", "configuration.md");

    @Test
    void theOptionTablesAreGeneratedFromTheDeclarations() throws Exception {
        String doc = Files.readString(DOC);
        String expected = doc;
        expected = replaceBlock(expected, "job", table(flinkOptions(EdgeJobOptions.class)));
        expected = replaceBlock(expected, "kafka", table(flinkOptions(KafkaOptions.class)));
        expected = replaceBlock(expected, "controller", controllerTable());
        if (Boolean.getBoolean("edgesplit.docs.write")) {
            Files.writeString(DOC, expected);
            doc = expected;
        }
        assertThat(doc)
                .as(
                        "docs/configuration.md's tables differ from the declared options: rerun"
                                + " ConfigurationDocTest with -Dedgesplit.docs.write=true")
                .isEqualTo(expected);
    }

    private static List<String[]> flinkOptions(Class<?> holder) throws IllegalAccessException {
        List<Field> fields =
                Arrays.stream(holder.getFields())
                        .filter(f -> Modifier.isStatic(f.getModifiers()))
                        .filter(f -> ConfigOption.class.isAssignableFrom(f.getType()))
                        .sorted(Comparator.comparingInt(ConfigurationDocTest::declarationIndex))
                        .toList();
        List<String[]> rows = new ArrayList<>();
        for (Field f : fields) {
            ConfigOption<?> o = (ConfigOption<?>) f.get(null);
            rows.add(new String[] {o.key(), defaultText(o), text(o.description())});
        }
        return rows;
    }

    /** Declaration order, from the source text (reflection does not promise an order). */
    private static int declarationIndex(Field f) {
        try {
            String cls = f.getDeclaringClass().getName().replace('.', '/');
            Path src =
                    Files.exists(Path.of("src/main/java", cls + ".java"))
                            ? Path.of("src/main/java", cls + ".java")
                            : Path.of("../../connectors/kafka/src/main/java", cls + ".java");
            return Files.readString(src).indexOf(" " + f.getName() + " =");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String defaultText(ConfigOption<?> o) {
        if (!o.hasDefaultValue()) {
            return "-";
        }
        Object v = o.defaultValue();
        if (v instanceof Duration d) {
            return TimeUtils.formatWithHighestUnit(d);
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(v);
    }

    private static String text(Description d) {
        return d.getBlocks().stream()
                .map(b -> b instanceof TextElement t ? t.getFormat() : String.valueOf(b))
                .collect(Collectors.joining(" "))
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static String table(List<String[]> rows) {
        StringBuilder b = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (String[] r : rows) {
            b.append("| `").append(r[0]).append("` | ");
            b.append(r[1].equals("-") ? "-" : "`" + r[1] + "`");
            b.append(" | ").append(r[2]).append(" |\n");
        }
        return b.toString();
    }

    private static String controllerTable() {
        StringBuilder b =
                new StringBuilder("| key | default | meaning | read by |\n|---|---|---|---|\n");
        for (ControllerSetting<?> s : ControllerConfig.SETTINGS) {
            if (s.key().equals(ControllerConfig.POLICY)) {
                continue; // the job's table lists it (edgesplit.controller.policy)
            }
            List<String> readers =
                    Arrays.stream(PolicyKind.values())
                            .filter(k -> k.settings().contains(s.key()))
                            .map(PolicyKind::policyName)
                            .toList();
            String readBy =
                    s.key().equals(ControllerConfig.SLOT_SECONDS)
                            ? "all (the simulator's slot)"
                            : readers.size() == PolicyKind.values().length
                                    ? "all"
                                    : String.join(", ", readers);
            b.append("| `").append(s.key()).append("` | `").append(s.defaultText());
            b.append("` | ").append(s.description()).append(" | ").append(readBy).append(" |\n");
        }
        return b.toString();
    }

    private static String replaceBlock(String doc, String name, String body) {
        String begin = "<!-- generated: " + name + " options (ConfigurationDocTest) -->\n";
        String end = "<!-- end generated: " + name + " options -->";
        int a = doc.indexOf(begin);
        int z = doc.indexOf(end);
        assertThat(a).as("docs/configuration.md has the marker %s", begin.trim()).isNotNegative();
        assertThat(z).as("docs/configuration.md has the marker %s", end).isGreaterThan(a);
        return doc.substring(0, a + begin.length()) + body + doc.substring(z);
    }
}
