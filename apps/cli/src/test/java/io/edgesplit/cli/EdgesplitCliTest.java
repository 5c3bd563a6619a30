package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgesplitCliTest {

    @Test
    void anUnknownCommandIsNamedWithTheKnownOnes() {
        CliRun r = CliRun.of("frobnicate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("edgesplit: unknown command 'frobnicate': use one of ")
                .contains("demo", "job", "replay", "simulate")
                .endsWith(" (see 'edgesplit --help')\n")
                .hasLineCount(1);
    }

    @Test
    void anUnknownOptionOfACommandKeepsPicoclisWording() {
        CliRun r = CliRun.of("demo", "--frobnicate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(
                        "edgesplit demo: Unknown option: '--frobnicate' (see 'edgesplit demo"
                                + " --help')\n");
    }
}
