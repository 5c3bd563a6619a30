package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.DeviceController;
import io.edgesplit.core.controller.DeviceInput;
import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.core.controller.DeviceStep;
import io.edgesplit.core.controller.FrameArrival;
import java.util.List;

/**
 * One policy at one V over all devices, deciding once per frame ({@link SimulationMode#PER_FRAME})
 * with the streaming job's loop: each device's {@link FrameTrace} events are stepped through a
 * {@link DeviceController}, so the decisions are the job's for the same events. A decision's clock
 * and rate are in force from its frame's capture until the next decided frame: the device's FIFOs
 * are served at them in between. Slots only bin the statistics: a slot's backlog is the device's
 * queues at its start, its clock and rate those in force at its end.
 */
final class FrameRun {

    private final SimulationSetup setup;
    private final List<List<DeviceInput>> trace;
    private final String policyName;
    private final double v;
    private final SimulationListener listener;
    private final DeviceController controller;
    private final double dt;
    private final int slots;
    private final int n;
    private final RunAccounts accounts;
    private final DeviceState[] state;
    private final int[] next;
    private final long[] clock;
    private final double[] mu;
    private final double[] rate;

    /** Per slot: the sum of the devices' power queues, and of the cuts of admitted frames. */
    FrameRun(
            SimulationSpec spec,
            SimulationSetup setup,
            List<List<DeviceInput>> trace,
            String policyName,
            double v,
            SimulationListener listener) {
        this.setup = setup;
        this.trace = trace;
        this.policyName = policyName;
        this.v = v;
        this.listener = listener;
        ControllerConfig base = spec.controller();
        ControllerConfig cfg = (Double.isNaN(v) ? base : base.withV(v)).withPolicy(policyName);
        this.controller =
                new DeviceController(
                        cfg, setup::device, spec.edge(), spec.wire(), id -> policyName);
        this.dt = spec.slotSeconds();
        this.slots = spec.slots();
        this.n = setup.n;
        this.accounts = new RunAccounts(spec, setup);
        this.state = new DeviceState[n];
        for (int d = 0; d < n; d++) {
            state[d] = DeviceState.initial(setup.profiles[d].name(), setup.capacity[d][0]);
        }
        this.next = new int[n];
        this.clock = new long[n];
        this.mu = new double[n];
        this.rate = new double[n];
    }

    RunResult execute() {
        for (int t = 0; t < slots; t++) {
            accounts.beginSlot();
            for (int d = 0; d < n; d++) {
                device(d, t);
            }
            accounts.endSlot(t);
        }
        return accounts.result(policyName, v);
    }

    /** Device d's slot t: its events in order, the FIFOs served in between. */
    private void device(int d, int t) {
        double start = t * dt;
        double end = start + dt;
        boolean in = accounts.inWindow(t);
        if (in) {
            accounts.countBacklog(state[d].queues());
        }
        accounts.series.add(SlotSeries.QC, t, state[d].queues().computeBacklogS());
        accounts.series.add(SlotSeries.QN, t, state[d].queues().uplinkBacklogBits());
        List<DeviceInput> events = trace.get(d);
        double cursor = start;
        while (next[d] < events.size()) {
            DeviceInput e = events.get(next[d]);
            double at = Math.max(cursor, e.eventTime() / 1e3);
            if (at >= end && t < slots - 1) {
                break;
            }
            next[d]++;
            serve(d, t, cursor, at);
            cursor = at;
            step(d, t, e, in);
        }
        serve(d, t, cursor, end);
        if (in) {
            accounts.countClock(clock[d]);
        }
        accounts.series.add(SlotSeries.CLOCK, t, clock[d] / 1e6 / n);
        accounts.series.add(SlotSeries.RATE, t, rate[d] / 1e6 / n);
        accounts.series.add(SlotSeries.CAPACITY, t, setup.capacity[d][t] / 1e6 / n);
        accounts.powerQueue(state[d].queues().powerQueue());
    }

    private void serve(int d, int t, double from, double to) {
        accounts.serveCompute(d, from, to, mu[d]);
        accounts.serveUplink(d, t, from, to, rate[d]);
    }

    private void step(int d, int t, DeviceInput e, boolean in) {
        DeviceStep s = controller.step(state[d], e);
        state[d] = s.next();
        if (!(e instanceof FrameArrival f)) {
            return;
        }
        accounts.series.add(SlotSeries.ARRIVALS, t, 1);
        if (in) {
            accounts.countArrivals(1);
        }
        if (!s.decided()) {
            return;
        }
        ControlDecision dec = s.decision();
        listener.frameDecided(f.deviceId(), f.frameId(), dec);
        clock[d] = dec.gpuClockHz();
        mu[d] = clock[d] == 0 ? 0 : setup.profiles[d].gpu().speedAt(clock[d]);
        rate[d] = dec.uplinkBps();
        if (dec.admitted() > 0) {
            accounts.admit(d, f.captureTime() / 1e3, setup.costs[d], dec.cut());
            accounts.decidedCut(dec.cut());
        }
        if (in) {
            accounts.countDecision(d, dec);
            accounts.countCut(dec.cut(), dec.admitted());
        }
        accounts.series.add(SlotSeries.ADMITTED, t, dec.admitted());
        accounts.series.add(SlotSeries.COMPUTE_J, t, dec.computeEnergyJ());
        accounts.series.add(SlotSeries.RADIO_J, t, dec.radioEnergyJ());
    }
}
