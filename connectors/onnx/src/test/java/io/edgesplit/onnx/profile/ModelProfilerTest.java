package io.edgesplit.onnx.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProfilerTest {

    private static final OnnxModel MODEL = ModelZoo.build("tiny-residual");
    private static final ModelAnalysis ANALYSIS = ModelAnalyzer.analyze(MODEL, null);

    @Test
    void measuresEveryCutAndReportsProgress() {
        List<String> progress = new ArrayList<>();
        ModelProfiler profiler =
                ModelProfiler.builder()
                        .runs(3)
                        .warmup(1)
                        .threads(1)
                        .listener(
                                (done, total, cut) ->
                                        progress.add(done + "/" + total + ":" + cut.index()))
                        .build();

        ModelProfile profile = profiler.profile(MODEL, ANALYSIS);

        assertThat(profile.cuts()).hasSize(ANALYSIS.cuts().size()).allMatch(CutProfile::measured);
        assertThat(profile.cuts()).allSatisfy(c -> assertThat(c.headMs()).isNotNegative());
        assertThat(profile.cuts()).allSatisfy(c -> assertThat(c.tailMs()).isNotNegative());
        assertThat(profile.measuredOn().provider()).isEqualTo("cpu");
        assertThat(profile.measuredOn().threads()).isEqualTo(1);
        assertThat(profile.measuredOn().runs()).isEqualTo(3);
        assertThat(profile.measuredOn().warmup()).isEqualTo(1);
        assertThat(profile.totalMacs()).isEqualTo(ANALYSIS.totalMacs());
        int total = ANALYSIS.cuts().size();
        assertThat(progress)
                .hasSize(total)
                .startsWith("1/" + total + ":0")
                .endsWith(total + "/" + total + ":" + (total - 1));
    }

    @Test
    void measuresOnlyTheRequestedCuts() {
        ModelProfiler profiler =
                ModelProfiler.builder().runs(1).warmup(0).cuts(List.of(6, 0, 6)).build();

        ModelProfile profile = profiler.profile(MODEL, ANALYSIS);

        assertThat(profile.cuts())
                .filteredOn(CutProfile::measured)
                .extracting(CutProfile::index)
                .containsExactly(0, 6);
        assertThat(profile.cut(3).headMs()).isNaN();
        assertThat(profile.cut(6).bytesFp32()).isEqualTo(ANALYSIS.cut(6).bytes());
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> ModelProfiler.builder().runs(0).build())
                .hasMessage("runs must be >= 1, got 0");
        assertThatThrownBy(() -> ModelProfiler.builder().warmup(-1).build())
                .hasMessage("warmup must be >= 0, got -1");
        assertThatThrownBy(() -> ModelProfiler.builder().cuts(List.of()).build())
                .hasMessageStartingWith("the cut subset is empty");
        ModelProfiler outOfRange = ModelProfiler.builder().cuts(List.of(99)).build();
        assertThatThrownBy(() -> outOfRange.profile(MODEL, ANALYSIS))
                .hasMessage(
                        "cut 99 is out of range for model tiny-residual: valid cuts are 0.."
                                + ANALYSIS.lastCut());
    }
}
