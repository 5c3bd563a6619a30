package io.edgesplit.core.sim;

import io.edgesplit.core.controller.DeviceInput;
import io.edgesplit.core.controller.FrameArrival;
import io.edgesplit.core.controller.TelemetrySample;
import io.edgesplit.core.trace.BandwidthTrace;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a per-frame simulation ({@link SimulationMode#PER_FRAME}) feeds the controller: per
 * device, telemetry samples and frames with event times in ms from 0, in the order the streaming
 * job applies them (event time; telemetry before frames at equal times; frames by id).
 *
 * <p>Frames are the slot simulation's arrivals (the same seeded counts per slot), spread evenly
 * over their slot and rounded to the ms, numbered from 0 per device. Telemetry samples come at
 * {@code telemetryHz} from time 0; each carries the device's profile name and the trace's mean
 * capacity over the sample's period (a perfect one-period predictor, as slots use the slot's mean).
 */
public final class FrameTrace {

    private FrameTrace() {}

    /** The id device {@code d} (0-based, in the spec's group order) has in the events. */
    public static String deviceId(int d) {
        return "device-" + d;
    }

    /** Every device's events, in the order the job applies them. */
    public static List<List<DeviceInput>> of(SimulationSpec spec) {
        return of(spec, new SimulationSetup(spec));
    }

    static List<List<DeviceInput>> of(SimulationSpec spec, SimulationSetup setup) {
        List<List<DeviceInput>> out = new ArrayList<>(setup.n);
        for (int d = 0; d < setup.n; d++) {
            out.add(merge(telemetry(spec, setup, d), frames(spec, setup, d)));
        }
        return out;
    }

    private static List<TelemetrySample> telemetry(
            SimulationSpec spec, SimulationSetup setup, int d) {
        long endMs = Math.round(spec.slots() * spec.slotSeconds() * 1e3);
        double period = 1 / spec.telemetryHz();
        BandwidthTrace trace = setup.traces[d];
        String type = setup.profiles[d].name();
        List<TelemetrySample> out = new ArrayList<>();
        for (long k = 0; ; k++) {
            long ms = Math.round(k * 1e3 / spec.telemetryHz());
            if (ms >= endMs) {
                return out;
            }
            double bps = trace.averageCapacity(setup.offsets[d] + ms / 1e3, period);
            out.add(new TelemetrySample(deviceId(d), ms, type, bps));
        }
    }

    private static List<FrameArrival> frames(SimulationSpec spec, SimulationSetup setup, int d) {
        double dt = spec.slotSeconds();
        List<FrameArrival> out = new ArrayList<>();
        long id = 0;
        for (int t = 0; t < spec.slots(); t++) {
            int a = setup.arrivals[d][t];
            for (int k = 0; k < a; k++) {
                long ms = Math.round((t * dt + (k + 0.5) * dt / a) * 1e3);
                out.add(FrameArrival.of(deviceId(d), id++, ms, spec.model()));
            }
        }
        return out;
    }

    /** Both lists are in time order; telemetry goes first at equal times. */
    private static List<DeviceInput> merge(List<TelemetrySample> tel, List<FrameArrival> frames) {
        List<DeviceInput> out = new ArrayList<>(tel.size() + frames.size());
        int i = 0;
        int j = 0;
        while (i < tel.size() || j < frames.size()) {
            boolean takeTelemetry =
                    j == frames.size()
                            || (i < tel.size()
                                    && tel.get(i).eventTime() <= frames.get(j).eventTime());
            out.add(takeTelemetry ? tel.get(i++) : frames.get(j++));
        }
        return out;
    }
}
