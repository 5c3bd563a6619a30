package io.edgesplit.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code models} builds and analyses every zoo model (a few seconds), hence an ITCase. */
class ModelsCommandITCase {

    @Test
    void listsEveryModelWithParamsMacsAndCuts() throws Exception {
        Cli.Result r = Cli.call(new ModelsCommand());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines())
                .hasSize(10)
                .first()
                .asString()
                .contains("NAME", "PARAMS", "MACS", "CUTS", "DESCRIPTION");
        assertThat(r.out())
                .containsPattern("alexnet +61\\.1M +714\\.2M +20 +\\[1,3,224,224\\] +AlexNet")
                .containsPattern("vgg16 +138\\.4M +15\\.47G +38 ")
                .containsPattern("resnet18 +11\\.7M +1\\.81G +50 ")
                .containsPattern("mobilenetv2 +3\\.5M +300\\.8M +101 ")
                .containsPattern("densenet121 +7\\.9M +2\\.83G +307 ")
                .containsPattern("tiny-chain .* test model");
    }
}
