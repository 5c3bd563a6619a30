package io.edgesplit.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfile;
import org.junit.jupiter.api.Test;

/** The MAC-derived profiles against the brief's known activation sizes and published MACs. */
class MacDerivedProfilesTest {

    @Test
    void resnet18MatchesTheKnownSizes() {
        ModelProfile m = MacDerivedProfiles.resnet18();
        assertThat(m.totalMacs()).isEqualTo(1_814_073_344L); // 1.82 GMACs as published
        assertThat(m.cut(0).bytesFp32()).isEqualTo(602_112);
        assertThat(bytesAt(m, "layer1")).isEqualTo(802_816);
        assertThat(bytesAt(m, "layer2")).isEqualTo(401_408);
        assertThat(bytesAt(m, "layer3")).isEqualTo(200_704);
        assertThat(bytesAt(m, "layer4")).isEqualTo(100_352);
        assertThat(m.cut(m.lastCut()).bytesFp32()).isEqualTo(4_000);
        assertThat(m.cut(m.lastCut()).headMacs()).isEqualTo(m.totalMacs());
        assertThat(m.cuts()).allMatch(c -> !c.measured());
    }

    @Test
    void vgg16MatchesThePublishedMacs() {
        ModelProfile m = MacDerivedProfiles.vgg16();
        assertThat(m.totalMacs()).isEqualTo(15_470_264_320L); // 15.47 GMACs
        assertThat(bytesAt(m, "pool5")).isEqualTo(25_088 * 4);
        assertThat(m.cuts()).hasSize(9);
    }

    private static long bytesAt(ModelProfile m, String label) {
        return m.cuts().stream()
                .filter(c -> c.label().equals(label))
                .findFirst()
                .orElseThrow()
                .bytesFp32();
    }
}
