package io.edgesplit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceNetworksTest {

    private static final Path EXAMPLES = Path.of("../../docs/pipeline");

    @Test
    void readsTheLanExample() {
        DeviceNetwork n = DeviceNetworks.load(EXAMPLES.resolve("lan-4-jetsons.yaml"));
        assertThat(DeviceNetworks.ids(n)).containsExactly("nano", "tx2", "xavier-nx", "orin");
        assertThat(n.device(3).memoryBytes()).isEqualTo(64_000_000_000L);
        assertThat(n.bitsPerSecond(0, 3)).isEqualTo(1e9);
        assertThat(n.latencyS(1, 2)).isEqualTo(0.0005);
        assertThat(n.source()).isZero();
        // 1 MB over 1 Gbit/s: 8 ms + 0.5 ms latency; nothing to move to oneself
        assertThat(n.transferS(0, 1, 1e6))
                .isCloseTo(0.0085, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(n.transferS(2, 2, 1e6)).isZero();
    }

    @Test
    void linksOverrideTheLanAndMemoryDefaultsToTheBoard() {
        DeviceNetwork n = DeviceNetworks.load(EXAMPLES.resolve("wifi-mixed.yaml"));
        assertThat(n.bitsPerSecond(2, 3)).isEqualTo(1e9);
        assertThat(n.bitsPerSecond(3, 2)).isEqualTo(1e9);
        assertThat(n.bitsPerSecond(0, 3)).isEqualTo(2e8);
        assertThat(n.device(0).memoryBytes()).isEqualTo(4L << 30);
        assertThat(n.device(3).memoryBytes()).isEqualTo(32_000_000_000L);
    }

    @Test
    void typesMakeALanNetwork() {
        DeviceNetwork n =
                DeviceNetworks.ofTypes(List.of("jetson-nano", "jetson-nano", "jetson-tx2"));
        assertThat(DeviceNetworks.ids(n))
                .containsExactly("jetson-nano-1", "jetson-nano-2", "jetson-tx2-1");
        assertThat(n.bitsPerSecond(0, 2)).isEqualTo(DeviceNetworks.DEFAULT_LAN_BPS);
    }

    @Test
    void badValuesFailInOneLineNamingThem() {
        assertError(
                "devices: [{id: a, profile: jetson-nanoo}]",
                "devices[0].profile: device profile 'jetson-nanoo' is neither a built-in profile");
        assertError(
                "devices: [{id: a, profile: jetson-nano}, {id: b, profile: jetson-tx2}]\n"
                        + "lan: {bandwidthBps: -5}",
                "lan: bandwidth must be a finite number > 0 bit/s, got -5.0");
        assertError(
                "devices: [{id: a, profile: jetson-nano}, {id: b, profile: jetson-tx2},"
                        + " {id: c, profile: jetson-tx2}]\n"
                        + "links: [{from: a, to: b, bandwidthBps: 1G}]",
                "no link between a and c: add it under links, or give a lan rate for all pairs");
        assertError(
                "devices: [{id: a, profile: jetson-nano}, {id: a, profile: jetson-tx2}]\nlan: {bandwidthBps: 1G}",
                "device id 'a' appears twice");
        assertError(
                "devices: [{id: a, profile: jetson-nano}]\nsource: z",
                "source names unknown device 'z': devices are [a]");
        assertError(
                "devices: [{id: a, profile: jetson-nano, memoryBytes: 0}]",
                "devices[0].memoryBytes: must be a finite number > 0, got 0.0");
        assertError(
                "devices: [{id: a, profile: jetson-nano}, {id: b, profile: jetson-tx2}]\n"
                        + "links: [{from: a, to: b, bandwidthBps: 1G, latencyS: -1}]",
                "links[0]: link a - b: latency must be a finite number >= 0 s, got -1.0");
        assertError("devices: []", "devices: expected a non-empty list");
        assertError("devices: [{id: a, profile: jetson-nano, memory: 4G}]", "memory");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> DeviceNetworks.parse(yaml, "network x.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("network x.yaml: ")
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }
}
