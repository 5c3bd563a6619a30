package io.edgesplit.e2e.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the edgesplit CLI jar as users do, {@code java -jar edgesplit.jar COMMAND ...}, each command
 * in its own JVM with its stdout and stderr in a log file.
 */
public final class EdgesplitCli {

    private final Path jar;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final String heap;
    private final boolean verbose;

    /** Runs commands with EDGESPLIT_VERBOSE=1: stack traces of failures in their output. */
    public EdgesplitCli(Path jar, String heap) {
        this(jar, heap, true);
    }

    private EdgesplitCli(Path jar, String heap, boolean verbose) {
        this.jar = jar.toAbsolutePath();
        this.heap = heap;
        this.verbose = verbose;
    }

    /** This CLI without EDGESPLIT_VERBOSE: output as a user sees it by default. */
    public EdgesplitCli quiet() {
        return new EdgesplitCli(jar, heap, false);
    }

    /** Starts {@code edgesplit ARGS} with its output appended to {@code log}. */
    public Process start(List<String> args, Path log) throws IOException {
        return start(args, log, null);
    }

    /**
     * Starts {@code edgesplit ARGS} in {@code workDir} (null: this JVM's), with its output appended
     * to {@code log}; its own log file is then {@code workDir/edgesplit-out/edgesplit.log}.
     */
    public Process start(List<String> args, Path log, Path workDir) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-jar", jar.toString()));
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workDir != null) {
            Files.createDirectories(workDir);
            builder.directory(workDir.toFile());
        }
        if (verbose) {
            builder.environment().put("EDGESPLIT_VERBOSE", "1");
        } else {
            builder.environment().remove("EDGESPLIT_VERBOSE");
        }
        return builder.start();
    }

    /**
     * Runs {@code edgesplit ARGS} to its end.
     *
     * @throws IllegalStateException if it fails or takes longer than {@code timeout}
     */
    public void run(List<String> args, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process p = start(args, log);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "edgesplit " + args.get(0) + " took longer than " + timeout + ": see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "edgesplit "
                            + args.get(0)
                            + " failed (exit "
                            + p.exitValue()
                            + "): "
                            + lastLine(log));
        }
    }

    /** The output of {@code edgesplit ARGS}, for short commands such as {@code job --help}. */
    public String output(List<String> args, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        run(args, log, timeout);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? "(no output, see " + log + ")"
                    : lines.get(lines.size() - 1) + " (see " + log + ")";
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
