package io.edgesplit.e2e;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /jars/:jarid/run} gets: the program arguments and, optionally, the entry class
 * (when the jar's manifest names none), the parallelism and a savepoint to resume from.
 *
 * @param programArgs arguments of the job's {@code main}, one list element per argument
 * @param entryClass main class, or empty to use the jar manifest's {@code Main-Class}
 * @param parallelism default parallelism of the job, or empty for the cluster's default
 * @param savepointPath savepoint or retained checkpoint to restore from, or empty for a fresh start
 */
public record JarRun(
        List<String> programArgs,
        Optional<String> entryClass,
        Optional<Integer> parallelism,
        Optional<String> savepointPath) {

    /** Validates and copies the arguments. */
    public JarRun {
        programArgs = List.copyOf(Objects.requireNonNull(programArgs, "programArgs"));
        Objects.requireNonNull(entryClass, "entryClass");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(savepointPath, "savepointPath");
        parallelism.ifPresent(
                p -> {
                    if (p < 1) {
                        throw new IllegalArgumentException(
                                "parallelism " + p + " is not positive: use 1 or more");
                    }
                });
    }

    /** A run with these program arguments and the jar's own main class. */
    public static JarRun withArgs(List<String> programArgs) {
        return new JarRun(programArgs, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A run with these program arguments and the jar's own main class. */
    public static JarRun withArgs(String... programArgs) {
        return withArgs(List.of(programArgs));
    }

    /** The same run with this main class. */
    public JarRun entryClass(String className) {
        return new JarRun(programArgs, Optional.of(className), parallelism, savepointPath);
    }

    /** The same run with this default parallelism. */
    public JarRun parallelism(int value) {
        return new JarRun(programArgs, entryClass, Optional.of(value), savepointPath);
    }

    /** The same run, restored from this savepoint (or retained checkpoint) path. */
    public JarRun fromSavepoint(String path) {
        return new JarRun(programArgs, entryClass, parallelism, Optional.of(path));
    }
}
