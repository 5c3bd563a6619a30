package io.edgesplit.e2e.crash;

import io.edgesplit.e2e.kafka.StandaloneKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the crash ITCases share: the jars the build hands them and a clean output directory. */
final class CrashTestSetup {

    /** System property with the CLI jar; the e2e pom points it at dist/target/edgesplit.jar. */
    static final String CLI_JAR_PROPERTY = "edgesplit.cli.jar";

    private CrashTestSetup() {}

    /**
     * Options for a small run into {@code target/<name>} (emptied first, kept afterwards for its
     * logs): 2 devices of tiny-chain, 4 bad records, seed 7, replayed in real time.
     */
    static CrashOptions options(
            String name,
            int kills,
            Duration duration,
            double fps,
            Duration outage,
            boolean reference)
            throws IOException {
        String jar = System.getProperty(CLI_JAR_PROPERTY);
        String classpathFile = System.getProperty(StandaloneKafka.CLASSPATH_FILE_PROPERTY);
        if (jar == null || classpathFile == null) {
            throw new IllegalStateException(
                    "system properties "
                            + CLI_JAR_PROPERTY
                            + " and "
                            + StandaloneKafka.CLASSPATH_FILE_PROPERTY
                            + " are not set: run through Maven (mvn -pl e2e -am verify)");
        }
        Path out = Path.of("target", name).toAbsolutePath();
        deleteRecursively(out);
        return new CrashOptions(
                kills,
                2,
                duration,
                fps,
                7,
                4,
                1,
                2,
                out,
                Path.of(jar),
                Files.readString(Path.of(classpathFile)).trim(),
                Duration.ofMinutes(2),
                outage,
                reference,
                false);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
