package io.edgesplit.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfilesTest {

    /** Clock tables from facts.md (MHz). */
    private static final double[] NANO_MHZ = {
        76.8, 153.6, 230.4, 307.2, 384.0, 460.8, 537.6, 614.4, 691.2, 768.0, 844.8, 921.6
    };

    private static final double[] TX2_MHZ = {
        140.25, 229.5, 318.75, 408.0, 497.25, 586.5, 675.75, 765.0, 854.25, 943.5, 1032.75, 1122.0,
        1211.25, 1300.5
    };

    private static final double[] XAVIER_NX_MHZ = {
        114.75, 204.0, 306.0, 408.0, 510.0, 599.25, 701.25, 752.25, 803.25, 854.25, 905.25, 956.25,
        1007.25, 1058.25, 1109.25
    };

    private static final double[] AGX_ORIN_MHZ = {
        114.75, 216.75, 318.75, 420.75, 522.75, 624.75, 726.75, 828.75, 930.75, 1032.75, 1134.75,
        1236.75, 1300.5
    };

    private static final String MINIMAL =
            """
            name: my-board
            gpu:
              clocksHz: [100M, 200M, 400M]
              power: {p0W: 1.0, kappaWPerGHz3: 10}
              idleW: 0.5
              computeBoundFraction: 0.9
              macsPerSecondAtMax: 2e10
            radio: {type: wifi}
            """;

    @Test
    void builtInClockTablesMatchTheBoards() {
        assertClocks("jetson-nano", NANO_MHZ);
        assertClocks("jetson-tx2", TX2_MHZ);
        assertClocks("jetson-xavier-nx", XAVIER_NX_MHZ);
        assertClocks("jetson-agx-orin", AGX_ORIN_MHZ);
        assertThat(DeviceProfiles.builtinNames())
                .containsExactly(
                        "jetson-nano", "jetson-tx2", "jetson-xavier-nx", "jetson-agx-orin");
    }

    private static void assertClocks(String name, double[] mhz) {
        DeviceProfile p = DeviceProfiles.builtin(name);
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.gpu().clocksHz()).hasSize(mhz.length);
        for (int i = 0; i < mhz.length; i++) {
            assertThat(p.gpu().clocksHz().get(i)).isEqualTo(Math.round(mhz[i] * 1e6));
        }
    }

    @Test
    void builtInPowerFitsReachTheDocumentedEnvelope() {
        assertThat(busyAtMax("jetson-nano")).isCloseTo(7.0, within(0.01));
        assertThat(busyAtMax("jetson-tx2")).isCloseTo(11.0, within(0.01));
        assertThat(busyAtMax("jetson-xavier-nx")).isCloseTo(15.0, within(0.01));
        assertThat(busyAtMax("jetson-agx-orin")).isCloseTo(40.0, within(0.01));
        DeviceProfile tx2 = DeviceProfiles.builtin("jetson-tx2");
        assertThat(tx2.gpu().busyPowerW(0)).isCloseTo(3.0, within(0.02));
        assertThat(tx2.radio()).isEqualTo(RadioModel.lte());
    }

    private static double busyAtMax(String name) {
        GpuModel gpu = DeviceProfiles.builtin(name).gpu();
        return gpu.busyPowerW(gpu.clockCount() - 1);
    }

    @Test
    void latencyScalesWithTheComputeBoundFraction() {
        GpuModel gpu = DeviceProfiles.builtin("jetson-tx2").gpu();
        long fmax = gpu.maxClockHz();
        assertThat(gpu.speedAt(fmax)).isEqualTo(1.0);
        // c(f) = c(fmax) * (delta * fmax / f + 1 - delta), delta = 0.85, f = fmax / 2
        assertThat(gpu.slowdownAt(fmax / 2)).isCloseTo(0.85 * 2 + 0.15, within(1e-6));
        assertThat(gpu.speedAt(fmax / 2)).isCloseTo(1 / 1.85, within(1e-6));
    }

    @Test
    void radioDefaultsAreHuangEtAl() {
        assertThat(RadioModel.lte().txPowerW(1e6)).isCloseTo(0.438 + 1.288, within(1e-9));
        assertThat(RadioModel.wifi().txPowerW(10e6)).isCloseTo(2.83 + 0.133, within(1e-9));
    }

    @Test
    void loadsAUserFileWithOverridesAndTables(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("board.yaml");
        Files.writeString(
                f,
                """
                name: lab-tx2
                description: measured
                gpu:
                  clocksHz: [100000000, 200000000]
                  power: {tableW: [2.5, 4.0]}
                  idleW: 1.5
                  computeBoundFraction: 1.0
                  macsPerSecondAtMax: 5.0e+10
                radio: {type: lte, alphaWPerMbps: 0.5}
                uplinkRatesBps: [1M, 5M, 10M]
                """);
        DeviceProfile p = DeviceProfiles.resolve(f.toString());
        assertThat(p.name()).isEqualTo("lab-tx2");
        assertThat(p.gpu().busyPowerW(1)).isEqualTo(4.0);
        assertThat(p.radio().txPowerW(1e6)).isCloseTo(0.5 + 1.288, within(1e-9));
        assertThat(p.uplinkRatesBps()).containsExactly(1e6, 5e6, 10e6);
        assertThat(DeviceProfiles.parse(MINIMAL, "inline").radio()).isEqualTo(RadioModel.wifi());
    }

    @Test
    void parsesTheShannonRadio() {
        DeviceProfile p =
                DeviceProfiles.parse(
                        MINIMAL.replace(
                                "radio: {type: wifi}",
                                "radio: {type: shannon, bandwidthHz: 10e6, noiseOverGainW: 0.1,"
                                        + " circuitW: 0.2}"),
                        "inline");
        // P(r) = 0.2 + 0.1 * (2^(r/B) - 1): at r = B, 0.3 W
        assertThat(p.radio().txPowerW(10e6)).isCloseTo(0.3, within(1e-12));
        assertThat(p.radio().type()).isEqualTo("shannon");
    }

    @Test
    void invalidFilesFailInOneLineNamingFileFieldAndProblem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, MINIMAL.replace("[100M, 200M, 400M]", "[100M, 400M, 200M]"));
        assertThatThrownBy(() -> DeviceProfiles.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("gpu")
                .hasMessageContaining("clocksHz must be strictly ascending")
                .hasMessageNotContaining("\n");

        assertError(MINIMAL.replace("idleW: 0.5", "idleW: lots"), "gpu.idleW", "not a number");
        assertError(MINIMAL.replace("  idleW: 0.5\n", ""), "gpu.idleW", "missing");
        assertError(MINIMAL.replace("idleW", "idleWatts"), "gpu.idleWatts", "unknown field");
        assertError(MINIMAL.replace("type: wifi", "type: 5g"), "radio.type", "not a radio type");
        assertError(
                MINIMAL.replace("computeBoundFraction: 0.9", "computeBoundFraction: 1.5"),
                "gpu",
                "computeBoundFraction must be in [0, 1]");
        assertError(MINIMAL.replace("idleW: 0.5", "idleW: 5"), "gpu", "below idleW");
        assertError(
                MINIMAL.replace("{p0W: 1.0, kappaWPerGHz3: 10}", "{tableW: [1, 2]}"),
                "gpu",
                "tableW has 2 values but clocksHz has 3");
        assertError("gpu: [", "inline", "not valid YAML");
    }

    private static void assertError(String yaml, String field, String problem) {
        assertThatThrownBy(() -> DeviceProfiles.parse(yaml, "device profile inline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device profile inline")
                .hasMessageContaining(field)
                .hasMessageContaining(problem)
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownNamesListTheBuiltIns() {
        assertThatThrownBy(() -> DeviceProfiles.builtin("jetson-tx1"))
                .hasMessageContaining("jetson-nano, jetson-tx2, jetson-xavier-nx, jetson-agx-orin");
        assertThatThrownBy(() -> DeviceProfiles.resolve("no-such-board"))
                .hasMessageContaining("neither a built-in profile")
                .hasMessageContaining("jetson-tx2");
    }

    @Test
    void edgeServerProfiles(@TempDir Path dir) throws Exception {
        assertThat(EdgeServerProfiles.defaultProfile().macsPerSecond()).isEqualTo(1e12);
        assertThat(EdgeServerProfiles.builtinNames()).containsExactly("edge-gpu", "edge-cpu");
        Path f = dir.resolve("edge.yaml");
        Files.writeString(f, "name: rack\nmacsPerSecond: 2T\n");
        assertThatThrownBy(() -> EdgeServerProfiles.load(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("macsPerSecond");
        Files.writeString(f, "name: rack\nmacsPerSecond: 2e12\n");
        assertThat(EdgeServerProfiles.resolve(f.toString()).macsPerSecond()).isEqualTo(2e12);
    }

    @Test
    void recordsValidateProgrammaticUse() {
        assertThatThrownBy(() -> new GpuModel(List.of(1L), new PowerModel.Cubic(1, 1), 0.5, 0.5, 0))
                .hasMessageContaining("macsPerSecondAtMax");
        assertThatThrownBy(
                        () ->
                                new DeviceProfile(
                                        "a@b",
                                        "",
                                        DeviceProfiles.builtin("jetson-nano").gpu(),
                                        RadioModel.lte(),
                                        List.of()))
                .hasMessageContaining("'@'");
    }
}
