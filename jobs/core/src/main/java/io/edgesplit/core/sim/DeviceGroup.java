package io.edgesplit.core.sim;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.trace.BandwidthTrace;
import java.util.List;
import java.util.Objects;

/**
 * {@code count} devices of one type fed by the same traces and frame rate. Device i of the group
 * uses trace {@code i mod traces.size()}; devices sharing a trace start at evenly spread offsets
 * into it so they do not see the same channel at the same time.
 *
 * @param count number of devices (≥ 1)
 * @param device their profile
 * @param traces uplink capacity traces (≥ 1)
 * @param fps mean frame rate per device (frames/s, > 0)
 * @param arrivals arrival process
 */
public record DeviceGroup(
        int count,
        DeviceProfile device,
        List<BandwidthTrace> traces,
        double fps,
        ArrivalProcess arrivals) {

    public DeviceGroup {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(arrivals, "arrivals");
        traces = List.copyOf(traces);
        if (count < 1) {
            throw new IllegalArgumentException("device count must be >= 1, got " + count);
        }
        if (traces.isEmpty()) {
            throw new IllegalArgumentException(
                    "device group '" + device.name() + "' needs at least one trace");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be a finite number > 0, got " + fps);
        }
    }

    /** A copy with another count. */
    public DeviceGroup withCount(int newCount) {
        return new DeviceGroup(newCount, device, traces, fps, arrivals);
    }

    /** A copy with other traces. */
    public DeviceGroup withTraces(List<BandwidthTrace> newTraces) {
        return new DeviceGroup(count, device, newTraces, fps, arrivals);
    }
}
