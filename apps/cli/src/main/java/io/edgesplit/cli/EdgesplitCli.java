package io.edgesplit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code edgesplit} command line. Exit codes: 0 success, 1 failure while running, 2 bad input
 * (a one-line message says which value and what to do).
 */
@Command(
        name = "edgesplit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Continuous DNN partitioning between devices and an edge server on Flink, Kafka and ONNX Runtime.",
        subcommands = {CommandLine.HelpCommand.class})
public final class EdgesplitCli {

    /** Exit code for bad input. */
    public static final int USAGE = 2;

    /** Exit code for a failure while running. */
    public static final int FAILURE = 1;

    private EdgesplitCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EdgesplitCli());
        for (Object sub : Subcommands.all()) {
            cli.addSubcommand(sub);
        }
        cli.setParameterExceptionHandler(EdgesplitCli::badParameter);
        cli.setExecutionExceptionHandler(EdgesplitCli::failed);
        return cli;
    }

    private static int badParameter(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u
                && cmd.getParent() == null
                && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message =
                    "unknown command '"
                            + u.getUnmatched().get(0)
                            + "': use one of "
                            + String.join(", ", cmd.getSubcommands().keySet());
        }
        err.println(
                cmd.getCommandSpec().qualifiedName()
                        + ": "
                        + message
                        + " (see '"
                        + cmd.getCommandSpec().qualifiedName()
                        + " --help')");
        err.flush();
        return USAGE;
    }

    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        Throwable cause = unwrap(e);
        if (cause instanceof IllegalArgumentException) {
            err.println(name + ": " + cause.getMessage());
            err.flush();
            return USAGE;
        }
        err.println(name + ": failed: " + describe(cause));
        if (Boolean.getBoolean("edgesplit.verbose") || System.getenv("EDGESPLIT_VERBOSE") != null) {
            cause.printStackTrace(err);
        } else {
            err.println("(set EDGESPLIT_VERBOSE=1 for the stack trace)");
        }
        err.flush();
        return FAILURE;
    }

    /** The innermost cause that carries a message of its own. */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null
                && cur.getCause() != cur
                && (cur.getMessage() == null
                        || cur instanceof java.util.concurrent.ExecutionException
                        || cur instanceof java.lang.reflect.InvocationTargetException
                        || cur instanceof java.io.UncheckedIOException
                                && cur.getCause() != null
                                && cur.getMessage().equals(cur.getCause().toString()))) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }
}
