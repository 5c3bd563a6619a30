package io.edgesplit.job.inference;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile the controller decides from and the split the operators run name the same cuts. */
class ProfileCheckTest {

    private static final ModelAnalysis TINY =
            ModelAnalyzer.analyze(ModelZoo.build("tiny-chain"), null);
    private static final ModelProfile PROFILE = ConfigLoader.macProfile("tiny-chain", "tiny-chain");

    @Test
    void theProjectsOwnProfileMatchesTheAnalysis() {
        assertThatCode(() -> ProfileCheck.requireSameCuts(PROFILE, TINY))
                .doesNotThrowAnyException();
    }

    @Test
    void aProfileOfAnotherModelFailsNamingTheCut() {
        List<CutProfile> cuts = new ArrayList<>(PROFILE.cuts());
        CutProfile c = cuts.get(2);
        TensorSpec t = c.tensors().get(0);
        cuts.set(
                2,
                new CutProfile(
                        c.index(),
                        c.label(),
                        List.of(new TensorSpec("other", t.elementType(), t.shape())),
                        c.bytesFp32(),
                        c.bytesFp16(),
                        c.headMacs(),
                        c.tailMacs(),
                        c.headMs(),
                        c.tailMs(),
                        c.deviceHeadMs()));
        assertThatThrownBy(() -> ProfileCheck.requireSameCuts(with(cuts), TINY))
                .hasMessageStartingWith("profile of model 'tiny-chain' sends [other] at cut 2")
                .hasMessageContaining("re-run edgesplit profile");
        assertThatThrownBy(
                        () ->
                                ProfileCheck.requireSameCuts(
                                        with(PROFILE.cuts().subList(0, 3)), TINY))
                .hasMessageContaining("has 3 cuts, the model has " + TINY.cuts().size());
    }

    private static ModelProfile with(List<CutProfile> cuts) {
        return new ModelProfile(
                PROFILE.modelId(),
                PROFILE.input(),
                PROFILE.output(),
                PROFILE.totalMacs(),
                PROFILE.measuredOn(),
                cuts);
    }
}
