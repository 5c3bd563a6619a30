package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.Policy;
import io.edgesplit.core.controller.QueueState;
import io.edgesplit.core.controller.SlotInput;
import io.edgesplit.core.cost.ModelCosts;
import java.util.Arrays;

/**
 * One policy at one V over all devices and slots, deciding once per slot ({@link
 * SimulationMode#SLOT}): each slot every device's policy decides (a, p, f, r) from its queues, the
 * slot's arrivals and the slot's mean trace capacity; frames arriving in slot t (spread evenly over
 * the slot) are decided at the start of t and join the compute FIFO, which the GPU serves at μc(f)
 * during the slot.
 */
final class SlotRun {

    private final SimulationSetup setup;
    private final String policyName;
    private final double v;
    private final Policy policy;
    private final double dt;
    private final int slots;
    private final int n;
    private final RunAccounts accounts;
    private final QueueState[] state;

    /** Per slot: the sum of the devices' power queues, and of the cuts of devices that admitted. */
    SlotRun(SimulationSpec spec, SimulationSetup setup, String policyName, double v) {
        this.setup = setup;
        this.policyName = policyName;
        this.v = v;
        ControllerConfig base = spec.controller();
        ControllerConfig cfg = (Double.isNaN(v) ? base : base.withV(v)).withPolicy(policyName);
        this.policy = Policies.create(policyName, cfg);
        this.dt = spec.slotSeconds();
        this.slots = spec.slots();
        this.n = setup.n;
        this.accounts = new RunAccounts(spec, setup);
        this.state = new QueueState[n];
        Arrays.fill(state, QueueState.ZERO);
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

    /** Device d's slot t: decide, serve its FIFOs for the slot, admit, count. */
    private void device(int d, int t) {
        QueueState s = state[d];
        int a = setup.arrivals[d][t];
        double cap = setup.capacity[d][t];
        ControlDecision dec =
                policy.decide(s, new SlotInput(t, a, cap, dt), setup.profiles[d], setup.costs[d]);
        double mu = dec.gpuClockHz() == 0 ? 0 : setup.profiles[d].gpu().speedAt(dec.gpuClockHz());
        double start = t * dt;
        accounts.serveCompute(d, start, start + dt, mu);
        accounts.serveUplink(d, t, start, start + dt, dec.uplinkBps());
        ModelCosts c = setup.costs[d];
        int cut = dec.cut();
        for (int k = 0; k < dec.admitted(); k++) {
            accounts.admit(d, t * dt + (k + 0.5) * dt / a, c, cut);
        }
        if (accounts.inWindow(t)) {
            accounts.countArrivals(a);
            accounts.countDecision(d, dec);
            accounts.countBacklog(s);
            accounts.countClock(dec.gpuClockHz());
            accounts.countCut(cut, dec.admitted());
        }
        if (dec.admitted() > 0) {
            accounts.decidedCut(cut);
        }
        record(t, a, dec, s, cap);
        state[d] = dec.after();
        accounts.powerQueue(dec.after().powerQueue());
    }

    private void record(int t, int a, ControlDecision dec, QueueState s, double cap) {
        SlotSeries series = accounts.series;
        series.add(SlotSeries.ARRIVALS, t, a);
        series.add(SlotSeries.ADMITTED, t, dec.admitted());
        series.add(SlotSeries.COMPUTE_J, t, dec.computeEnergyJ());
        series.add(SlotSeries.RADIO_J, t, dec.radioEnergyJ());
        series.add(SlotSeries.QC, t, s.computeBacklogS());
        series.add(SlotSeries.QN, t, s.uplinkBacklogBits());
        series.add(SlotSeries.CLOCK, t, dec.gpuClockHz() / 1e6 / n);
        series.add(SlotSeries.RATE, t, dec.uplinkBps() / 1e6 / n);
        series.add(SlotSeries.CAPACITY, t, cap / 1e6 / n);
    }
}
