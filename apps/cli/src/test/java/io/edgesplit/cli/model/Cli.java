package io.edgesplit.cli.model;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Runs a command as the {@code edgesplit} launcher would, capturing its output. */
final class Cli {

    /** Exit code, stdout and stderr of one run. */
    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    /** Parses {@code args} into {@code command} and runs it; bad input throws. */
    static Result call(Callable<Integer> command, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.parseArgs(args);
        int exit = command.call();
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs {@code --help} through picocli; returns the usage text. */
    static String help(Object command) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute("--help");
        if (exit != 0) {
            throw new AssertionError("--help exited with " + exit);
        }
        return out.toString();
    }
}
