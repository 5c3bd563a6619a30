package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgesplit simulate} with a scenario file. */
class SimulateCommandTest {

    @TempDir Path tmp;

    @Test
    void profileReplacesTheScenariosModelWithoutProfilingIt() throws IOException {
        Path profile = tmp.resolve("tiny-chain.json");
        ModelProfileJson.write(ConfigLoader.macProfile("tiny-chain", "tiny-chain"), profile);
        // a model no one can profile: the run only works if --profile stands in for it unasked
        Path scenario = tmp.resolve("scenario.yaml");
        Files.writeString(
                scenario,
                """
                name: replaced-model
                model: no-such-model
                slots: 20
                policies: edge-only
                V: [1]
                devices:
                  - count: 1
                    trace: const:5M
                    fps: 5
                """);

        CliRun r =
                CliRun.of(
                        "simulate",
                        "--scenario",
                        scenario.toString(),
                        "--profile",
                        profile.toString(),
                        "--out",
                        tmp.resolve("out").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("out").resolve("runs.csv")).isNotEmptyFile();
    }

    @Test
    void perFrameModeRunsTheJobsLoop() throws IOException {
        Path profile = tmp.resolve("tiny-chain.json");
        ModelProfileJson.write(ConfigLoader.macProfile("tiny-chain", "tiny-chain"), profile);

        CliRun r =
                CliRun.of(
                        "simulate",
                        "--mode",
                        "per-frame",
                        "--telemetry-hz",
                        "5",
                        "--profile",
                        profile.toString(),
                        "--trace",
                        "const:5M",
                        "--slots",
                        "30",
                        "--policy",
                        "cutedge,edge-only",
                        "--V",
                        "1",
                        "--out",
                        tmp.resolve("out").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("out").resolve("runs.csv")).isNotEmptyFile();
    }

    @Test
    void anUnknownModeFailsNamingTheChoices() {
        CliRun r =
                CliRun.of(
                        "simulate",
                        "--mode",
                        "per-slot",
                        "--no-measure",
                        "--out",
                        tmp.resolve("out").toString());

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("unknown simulation mode 'per-slot': use slot or per-frame");
    }
}
