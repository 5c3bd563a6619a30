package io.edgesplit.core.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Devices that can cooperate on one model and the links between them. Links are symmetric; a device
 * talks to itself for free. Frames enter at the {@link #source()} device: the first stage receives
 * its input from there. Immutable; built by {@link Builder} or read by {@link DeviceNetworks}.
 */
public final class DeviceNetwork {

    private final List<NetDevice> devices;
    private final double[][] bitsPerSecond;
    private final double[][] latencyS;
    private final int source;

    private DeviceNetwork(List<NetDevice> devices, double[][] bps, double[][] lat, int source) {
        this.devices = List.copyOf(devices);
        this.bitsPerSecond = bps;
        this.latencyS = lat;
        this.source = source;
    }

    /** Starts a network. */
    public static Builder builder() {
        return new Builder();
    }

    /** The devices, in the order given. */
    public List<NetDevice> devices() {
        return devices;
    }

    /** Number of devices. */
    public int size() {
        return devices.size();
    }

    /** Device {@code i}. */
    public NetDevice device(int i) {
        return devices.get(i);
    }

    /** Index of the device frames enter at. */
    public int source() {
        return source;
    }

    /** Link bandwidth between two devices (bit/s); infinite from a device to itself. */
    public double bitsPerSecond(int from, int to) {
        return from == to ? Double.POSITIVE_INFINITY : bitsPerSecond[from][to];
    }

    /** Link latency between two devices (s); 0 from a device to itself. */
    public double latencyS(int from, int to) {
        return from == to ? 0 : latencyS[from][to];
    }

    /** Seconds to move {@code bytes} from one device to another: 0 when local or empty. */
    public double transferS(int from, int to, double bytes) {
        if (from == to || bytes <= 0) {
            return 0;
        }
        return latencyS[from][to] + bytes * 8 / bitsPerSecond[from][to];
    }

    /** Builds a {@link DeviceNetwork}; {@link #build()} fails with one line naming the value. */
    public static final class Builder {
        private final List<NetDevice> devices = new ArrayList<>();
        private final List<String[]> linkEnds = new ArrayList<>();
        private final List<double[]> linkValues = new ArrayList<>();
        private Double lanBps;
        private double lanLatencyS;
        private String source;

        private Builder() {}

        /** Adds a device. */
        public Builder device(NetDevice device) {
            devices.add(device);
            return this;
        }

        /** One shared rate and latency for every pair without its own link. */
        public Builder lan(double bps, double latencyS) {
            checkLink("lan", bps, latencyS);
            this.lanBps = bps;
            this.lanLatencyS = latencyS;
            return this;
        }

        /** A symmetric link between two devices by id. */
        public Builder link(String a, String b, double bps, double latencyS) {
            checkLink("link " + a + " - " + b, bps, latencyS);
            linkEnds.add(new String[] {a, b});
            linkValues.add(new double[] {bps, latencyS});
            return this;
        }

        /** The device frames enter at (default: the first). */
        public Builder source(String id) {
            this.source = id;
            return this;
        }

        private static void checkLink(String what, double bps, double latencyS) {
            if (!(bps > 0) || Double.isInfinite(bps)) {
                throw new IllegalArgumentException(
                        what + ": bandwidth must be a finite number > 0 bit/s, got " + bps);
            }
            if (!(latencyS >= 0) || Double.isInfinite(latencyS)) {
                throw new IllegalArgumentException(
                        what + ": latency must be a finite number >= 0 s, got " + latencyS);
            }
        }

        /** Validates and builds. */
        public DeviceNetwork build() {
            int n = devices.size();
            if (n == 0) {
                throw new IllegalArgumentException("a device network needs at least one device");
            }
            List<String> ids = devices.stream().map(NetDevice::id).toList();
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException(
                            "device id '" + id + "' appears twice: give each device its own id");
                }
            }
            double[][] bps = new double[n][n];
            double[][] lat = new double[n][n];
            for (int i = 0; i < linkEnds.size(); i++) {
                int a = index(ids, linkEnds.get(i)[0], "link");
                int b = index(ids, linkEnds.get(i)[1], "link");
                if (a == b) {
                    throw new IllegalArgumentException(
                            "link "
                                    + ids.get(a)
                                    + " - "
                                    + ids.get(b)
                                    + " joins a device to itself");
                }
                bps[a][b] = bps[b][a] = linkValues.get(i)[0];
                lat[a][b] = lat[b][a] = linkValues.get(i)[1];
            }
            fillPairs(ids, bps, lat);
            int src = source == null ? 0 : index(ids, source, "source");
            return new DeviceNetwork(devices, bps, lat, src);
        }

        private void fillPairs(List<String> ids, double[][] bps, double[][] lat) {
            for (int a = 0; a < ids.size(); a++) {
                for (int b = a + 1; b < ids.size(); b++) {
                    if (bps[a][b] > 0) {
                        continue;
                    }
                    if (lanBps == null) {
                        throw new IllegalArgumentException(
                                "no link between "
                                        + ids.get(a)
                                        + " and "
                                        + ids.get(b)
                                        + ": add it under links, or give a lan rate for all pairs");
                    }
                    bps[a][b] = bps[b][a] = lanBps;
                    lat[a][b] = lat[b][a] = lanLatencyS;
                }
            }
        }

        private static int index(List<String> ids, String id, String what) {
            int i = ids.indexOf(id);
            if (i < 0) {
                throw new IllegalArgumentException(
                        what + " names unknown device '" + id + "': devices are " + ids);
            }
            return i;
        }
    }
}
