package io.edgesplit.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM handling for long-running commands: a shutdown hook that asks the work
 * to stop, then waits (up to {@value #GRACE_SECONDS} s) until the command has flushed, written its
 * files and printed its summary, i.e. until {@link #close()}.
 *
 * <pre>{@code
 * try (SignalStop signal = SignalStop.install(recorder::stop)) {
 *     recorder.record(...);   // returns early on Ctrl-C
 *     printSummary();
 * }                           // the JVM may exit now
 * }</pre>
 */
final class SignalStop implements AutoCloseable {

    static final int GRACE_SECONDS = 30;

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    private SignalStop(Runnable stop) {
        this.hook =
                new Thread(
                        () -> {
                            stop.run();
                            try {
                                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "edgesplit-stop");
    }

    /** Registers the hook; {@code stop} runs on the signal, from the hook's thread. */
    static SignalStop install(Runnable stop) {
        SignalStop s = new SignalStop(stop);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The command is done: lets a running hook finish, or unregisters the hook. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook runs, and returns now that we are done
        }
    }
}
