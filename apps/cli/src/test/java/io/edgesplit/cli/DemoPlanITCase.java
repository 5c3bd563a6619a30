package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgesplit plan --out} then {@code edgesplit demo --plan}, as a user runs them: the demo's
 * cameras stream through the planned pipeline job and every frame has one outcome.
 */
class DemoPlanITCase {

    private static final String MODEL = "tiny-chain";
    private static final String DEVICES = "jetson-nano,jetson-tx2,jetson-xavier-nx";

    @Test
    void streamsTheCamerasThroughThePlannedPipeline(@TempDir Path tmp) throws Exception {
        Path plan = tmp.resolve("plan.json");
        // inter-only gives tiny-chain one stage per device (PSO puts it on one device)
        CliRun planned =
                CliRun.of(
                        "plan",
                        "--model",
                        MODEL,
                        "--devices",
                        DEVICES,
                        "--algorithm",
                        "inter-only",
                        "--out",
                        plan.toString());
        assertThat(planned.exitCode()).as(planned.err()).isZero();

        Path out = tmp.resolve("demo");
        CliRun demo =
                CliRun.of(
                        "demo",
                        "--plan",
                        plan.toString(),
                        "--devices",
                        "2",
                        "--duration",
                        "4s",
                        "--no-dashboard",
                        "--ui-port",
                        "0",
                        "--out",
                        out.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        String summary = Files.readString(out.resolve("summary.txt"));
        // 2 cameras x 4 s x 5 frames/s, plus the injected frame that fails
        assertThat(summary)
                .contains("41 outcomes for 41 frames sent")
                .contains("pipeline (3 stages, one pipeline per camera)")
                .contains("emulated 5.0 frames/s per camera")
                .contains("check: every one of the 41 frames has exactly one outcome")
                .contains("dead letters: 1");
    }

    @Test
    void refusesAModelOtherThanThePlans(@TempDir Path tmp) throws Exception {
        Path plan = tmp.resolve("plan.json");
        CliRun.of("plan", "--model", MODEL, "--devices", DEVICES, "--out", plan.toString());

        CliRun demo = CliRun.of("demo", "--plan", plan.toString(), "--model", "resnet18");

        assertThat(demo.exitCode()).isNotZero();
        assertThat(demo.err()).contains("--model resnet18 but the plan").contains("is of " + MODEL);
    }
}
