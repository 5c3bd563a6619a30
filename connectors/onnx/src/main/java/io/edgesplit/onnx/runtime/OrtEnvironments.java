package io.edgesplit.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide ONNX Runtime environment, created on a thread of its own with a large stack.
 *
 * <p>Creating the environment runs ONNX Runtime's global initialisation, which recurses about
 * 12,000 native frames deep (about 1 MB of stack, ORT 1.29 on Linux x64). That is the JVM's default
 * thread stack ({@code -Xss} 1 MB), so whether it fits depends on how deep the calling thread
 * already is: from a shallow {@code main} it usually does, from a Flink REST handler running the
 * job's {@code main} on the JobManager or from a task thread's {@code open()} it does not, and the
 * JVM dies with SIGSEGV without an hs_err file. Every use of the environment in this project goes
 * through {@link #get()}; once created, {@link OrtEnvironment#getEnvironment()} returns the same
 * instance without native work, from any thread.
 */
public final class OrtEnvironments {

    /** Stack of the thread that creates the environment: 16 times what ORT's init needs here. */
    static final long INIT_STACK_BYTES = 16L * 1024 * 1024;

    private static volatile OrtEnvironment environment;

    private OrtEnvironments() {}

    /** The environment ({@link OrtEnvironment#getEnvironment()}), created safely on first use. */
    public static OrtEnvironment get() {
        OrtEnvironment env = environment;
        if (env != null) {
            return env;
        }
        synchronized (OrtEnvironments.class) {
            if (environment == null) {
                environment = createOnLargeStack();
            }
            return environment;
        }
    }

    private static OrtEnvironment createOnLargeStack() {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread init =
                new Thread(
                        null,
                        () -> {
                            try {
                                created.set(OrtEnvironment.getEnvironment());
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "onnxruntime-environment-init",
                        INIT_STACK_BYTES);
        init.setDaemon(true);
        init.start();
        boolean interrupted = false;
        while (true) {
            try {
                init.join();
                break;
            } catch (InterruptedException e) {
                // the native initialisation cannot be cancelled: wait for it, keep the interrupt
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof Error error) {
            throw error;
        }
        if (t != null) {
            throw new IllegalStateException(
                    "cannot create the ONNX Runtime environment: " + t.getMessage(), t);
        }
        return created.get();
    }
}
