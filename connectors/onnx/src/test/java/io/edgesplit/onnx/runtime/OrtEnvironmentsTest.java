package io.edgesplit.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime's environment initialisation needs about 1 MB of native stack. Each test starts a
 * fresh JVM whose threads get a small stack ({@code -Xss256k}), so the environment is created for
 * the first time on a thread that cannot hold it: created directly, the JVM dies; through {@link
 * OrtEnvironments#get()}, it is created on a thread of its own and the caller's stack is
 * irrelevant.
 */
class OrtEnvironmentsTest {

    private static final String SMALL_STACK = "-Xss256k";

    @Test
    void getCreatesTheEnvironmentWhateverTheCallersStack() throws Exception {
        Child child = run("via-helper");
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("environment ready");
    }

    @Test
    void creatingItDirectlyOnASmallStackKillsTheJvm() throws Exception {
        // the control: proves the child really runs out of stack without the helper
        Child child = run("direct");
        // How deep ORT's initialisation recurses depends on the host (it crashed on every machine
        // we develop on, but one CI host created the environment in 256 KB): where it fits, this
        // host cannot show the problem, and the test is reported as skipped rather than passed.
        assumeFalse(
                child.exitCode() == 0 && child.output().contains("environment ready"),
                "ORT's environment fits in " + SMALL_STACK + " on this host; nothing to show");
        // killed by a signal (SIGSEGV: 128 + 11), not an exception's exit code 1
        assertThat(child.exitCode()).as(child.output()).isGreaterThan(128);
        assertThat(child.output()).doesNotContain("environment ready");
    }

    @Test
    void getReturnsTheProcessWideEnvironment() {
        assertThat(OrtEnvironments.get())
                .isSameAs(OrtEnvironments.get())
                .isSameAs(OrtEnvironment.getEnvironment());
    }

    private record Child(int exitCode, String output) {}

    private static Child run(String mode) throws IOException, InterruptedException {
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p =
                new ProcessBuilder(
                                List.of(
                                        java.toString(),
                                        SMALL_STACK,
                                        "-cp",
                                        classpath,
                                        SmallStackMain.class.getName(),
                                        mode))
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not exit: " + output);
        }
        return new Child(p.exitValue(), output);
    }

    /** The child JVM: creates the environment on its small main stack, one way or the other. */
    public static final class SmallStackMain {

        private SmallStackMain() {}

        public static void main(String[] args) {
            OrtEnvironment env =
                    args[0].equals("direct")
                            ? OrtEnvironment.getEnvironment()
                            : OrtEnvironments.get();
            System.out.println("environment ready: " + env);
        }
    }
}
