package io.edgesplit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProfileJsonTest {

    private static final TensorSpec INPUT =
            new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 224, 224});
    private static final TensorSpec MID =
            new TensorSpec("pool5", ElementType.FLOAT, new long[] {1, 256, 6, 6});
    private static final TensorSpec OUTPUT =
            new TensorSpec("logits", ElementType.FLOAT, new long[] {1, 1000});

    static ModelProfile sample() {
        return new ModelProfile(
                "tiny",
                INPUT,
                OUTPUT,
                1_000,
                new Measurement("test-host", "cpu", 1, 2, 5),
                List.of(
                        new CutProfile(
                                0,
                                "input",
                                List.of(INPUT),
                                INPUT.bytes(),
                                INPUT.bytesFp16(),
                                0,
                                1_000,
                                0.0,
                                4.0,
                                Map.of()),
                        new CutProfile(
                                1,
                                "pool5",
                                List.of(MID),
                                MID.bytes(),
                                MID.bytesFp16(),
                                900,
                                100,
                                3.5,
                                Double.NaN,
                                Map.of(CutProfile.deviceKey("jetson-tx2", 1_300_500_000L), 12.5),
                                true),
                        new CutProfile(
                                2,
                                "output",
                                List.of(OUTPUT),
                                OUTPUT.bytes(),
                                OUTPUT.bytesFp16(),
                                1_000,
                                0,
                                4.0,
                                0.0,
                                Map.of())));
    }

    @Test
    void roundTripsThroughJsonFile(@TempDir Path dir) {
        ModelProfile profile = sample();
        Path file = dir.resolve("p.json");
        ModelProfileJson.write(profile, file);

        ModelProfile back = ModelProfileJson.read(file);

        assertThat(back).isEqualTo(profile);
        assertThat(back.cut(1).measured()).isFalse();
        assertThat(back.cut(1).bytesFp32()).isEqualTo(36_864);
        assertThat(back.lastCut()).isEqualTo(2);
        assertThat(back.cut(1).general()).isTrue();
        assertThat(back.cut(0).general()).isFalse();
    }

    @Test
    void profilesWrittenBeforeGeneralCutsReadAsPrefixCuts() {
        String json =
                ModelProfileJson.toJson(sample())
                        .replaceAll(",\\s*\"general\"\\s*:\\s*(true|false)", "");
        assertThat(json).doesNotContain("general");

        ModelProfile back = ModelProfileJson.fromJson(json, "test");

        assertThat(back.cuts()).noneMatch(CutProfile::general);
        assertThat(back.cut(1).deviceHeadMs()).hasSize(1);
    }

    @Test
    void rejectsMissingFileAndBadJsonWithOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelProfileJson.read(dir.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ModelProfileJson.fromJson("{\"modelId\": 3", "inline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid model profile inline");
    }

    @Test
    void cutOutOfRangeNamesTheValidRange() {
        assertThatThrownBy(() -> sample().cut(7))
                .hasMessage("cut 7 is out of range for model 'tiny': valid cuts are 0..2");
    }
}
