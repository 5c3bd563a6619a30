package io.edgesplit.core.sim;

import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.QueueState;
import io.edgesplit.core.cost.ModelCosts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one run measures, whichever loop decides: every device's compute and uplink FIFOs (frames
 * tracked for latency), the per-slot series and the totals of the measurement window, turned into a
 * {@link RunSummary} at the end.
 *
 * <p>The FIFOs: an admitted frame joins the device's compute queue at its capture time; the GPU
 * serves the queue at μc(f) of the clock in force; a frame's activation enters the uplink FIFO when
 * its head finishes and is sent at the rate in force; its result is ready after the tail time on
 * the edge (edge queueing is not modelled). Latency = ready − capture.
 */
final class RunAccounts {

    private final SimulationSpec spec;
    private final SimulationSetup setup;
    private final int n;
    private final int slots;
    private final int warmup;
    private final double windowStart;
    private final FrameQueue[] compute;
    private final FrameQueue[] uplink;
    final SlotSeries series;
    private double[] latencies = new double[1024];
    private int latencyCount;
    private long completedInWindow;
    private long lateInWindow;
    private final double latencyBound;

    private long arrived;
    private long admitted;
    private double computeJ;
    private double radioJ;
    private final double[] deviceJ;
    private double backlogS;
    private double backlogBits;
    private double clockSum;
    private final long[] cutCounts;
    private double yAtMid;
    private double yAtEnd;
    private double maxYEnd;

    RunAccounts(SimulationSpec spec, SimulationSetup setup) {
        this.spec = spec;
        this.setup = setup;
        this.n = setup.n;
        this.slots = spec.slots();
        this.warmup = spec.warmupSlots();
        this.windowStart = warmup * spec.slotSeconds();
        this.latencyBound = spec.controller().latencyBoundS();
        this.compute = new FrameQueue[n];
        this.uplink = new FrameQueue[n];
        for (int d = 0; d < n; d++) {
            compute[d] = new FrameQueue();
            uplink[d] = new FrameQueue();
        }
        this.series = new SlotSeries(slots);
        this.deviceJ = new double[n];
        this.cutCounts = new long[spec.model().cuts().size()];
    }

    /** Whether slot {@code t} is in the measurement window (after the warm-up). */
    boolean inWindow(int t) {
        return t >= warmup;
    }

    /** Frames that arrived in the window. */
    void countArrivals(int a) {
        arrived += a;
    }

    /** A decision's admissions and energy, counted in the window. */
    void countDecision(int d, ControlDecision dec) {
        admitted += dec.admitted();
        computeJ += dec.computeEnergyJ();
        radioJ += dec.radioEnergyJ();
        deviceJ[d] += dec.energyJ();
    }

    /** A device's backlogs at the start of a slot, counted in the window. */
    void countBacklog(QueueState s) {
        backlogS += s.computeBacklogS();
        backlogBits += s.uplinkBacklogBits();
    }

    /** A device's clock for a slot, counted in the window. */
    void countClock(long gpuClockHz) {
        clockSum += gpuClockHz;
    }

    /** Frames admitted at {@code cut}, counted in the window. */
    void countCut(int cut, int frames) {
        cutCounts[cut] += frames;
    }

    /** The mean power queue over devices after slot {@code t} (for the drift figures). */
    private double slotYSum;

    private double slotMaxY;
    private double slotCutSum;
    private int slotCutCount;

    /** Starts slot totals: power queues and decided cuts over the devices. */
    void beginSlot() {
        slotYSum = 0;
        slotMaxY = 0;
        slotCutSum = 0;
        slotCutCount = 0;
    }

    /** One device's power queue after its decisions of the slot. */
    void powerQueue(double y) {
        slotYSum += y;
        slotMaxY = Math.max(slotMaxY, y);
    }

    /** One decided cut (per admitted frame or per device, as the run counts them). */
    void decidedCut(int cut) {
        slotCutSum += cut;
        slotCutCount++;
    }

    /** Ends slot t: the mean power queue and mean cut into the series, the Y checkpoints. */
    void endSlot(int t) {
        series.set(SlotSeries.Y, t, slotYSum / n);
        series.set(SlotSeries.CUT, t, slotCutCount == 0 ? Double.NaN : slotCutSum / slotCutCount);
        powerQueues(t, slotYSum, slotMaxY);
    }

    private void powerQueues(int t, double ySum, double maxY) {
        int mid = warmup + (slots - warmup) / 2;
        if (t == mid) {
            yAtMid = ySum / n;
        }
        if (t == slots - 1) {
            yAtEnd = ySum / n;
            maxYEnd = maxY;
        }
    }

    /** Device d's frame captured at {@code capture} (s) joins its compute FIFO at {@code cut}. */
    void admit(int d, double capture, ModelCosts c, int cut) {
        compute[d].add(capture, c.headSecondsAtMax(cut), c.bits(cut), c.tailSeconds(cut), 0);
    }

    /**
     * Serves device d's compute FIFO from {@code tau} to {@code end} (s) at speed mu (work-seconds
     * per second); frames whose head finishes move to the uplink FIFO.
     */
    void serveCompute(int d, double tau, double end, double mu) {
        FrameQueue q = compute[d];
        while (!q.isEmpty() && tau < end && mu > 0) {
            double need = q.remaining() / mu;
            if (tau + need <= end) {
                tau += need;
                uplink[d].add(q.capture(), 0, q.bits(), q.tail(), tau);
                q.pop();
            } else {
                q.setRemaining(q.remaining() - (end - tau) * mu);
                tau = end;
            }
        }
    }

    /**
     * Sends device d's uplink FIFO from {@code tau} to {@code end} (s) at rate r (bit/s); frames
     * sent count as completed in slot {@code t}.
     */
    void serveUplink(int d, int t, double tau, double end, double r) {
        FrameQueue q = uplink[d];
        while (!q.isEmpty() && tau < end) {
            double start = Math.max(tau, q.ready());
            if (start >= end) {
                break;
            }
            double bits = q.bits();
            if (bits <= 0) {
                complete(t, start, q);
                tau = start;
                continue;
            }
            if (r <= 0) {
                break;
            }
            double need = bits / r;
            if (start + need <= end) {
                tau = start + need;
                complete(t, tau, q);
            } else {
                q.setBits(bits - (end - start) * r);
                tau = end;
            }
        }
    }

    private void complete(int t, double sentAt, FrameQueue q) {
        series.add(SlotSeries.COMPLETED, t, 1);
        if (sentAt >= windowStart) {
            completedInWindow++;
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount * 2);
            }
            double latency = sentAt + q.tail() - q.capture();
            latencies[latencyCount++] = latency;
            if (latency > latencyBound * (1 + 1e-9)) {
                lateInWindow++;
            }
        }
        q.pop();
    }

    /** The run's summary and (when the spec records them) its per-slot series. */
    RunResult result(String policyName, double v) {
        long inFlight = 0;
        for (int d = 0; d < n; d++) {
            inFlight += compute[d].size() + uplink[d].size();
        }
        int windowSlots = slots - warmup;
        double window = windowSlots * spec.slotSeconds();
        double idleFloor = 0;
        for (int d = 0; d < n; d++) {
            idleFloor += setup.costs[d].idleW() * window;
        }
        double budget = spec.controller().powerBudgetW();
        double maxPower = 0;
        boolean over = false;
        for (int d = 0; d < n; d++) {
            double p = deviceJ[d] / window;
            maxPower = Math.max(maxPower, p);
            over |= !Double.isInfinite(budget) && p > budget * 1.01;
        }
        double[] lat = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(lat);
        RunSummary summary =
                summary(policyName, v, window, inFlight, idleFloor, maxPower, over, lat);
        return new RunResult(summary, spec.recordSlots() ? series : null);
    }

    private RunSummary summary(
            String policyName,
            double v,
            double window,
            long inFlight,
            double idleFloor,
            double maxPower,
            boolean over,
            double[] lat) {
        int windowSlots = slots - warmup;
        int mid = warmup + (slots - warmup) / 2;
        double rho = spec.controller().uplinkReferenceBps();
        List<Double> shares = new ArrayList<>();
        for (long cc : cutCounts) {
            shares.add(admitted == 0 ? 0.0 : (double) cc / admitted);
        }
        double energy = computeJ + radioJ;
        long done = completedInWindow;
        return new RunSummary(
                policyName,
                v,
                n,
                window,
                arrived,
                admitted,
                arrived - admitted,
                done,
                inFlight,
                done / window,
                percentile(lat, 0.50),
                percentile(lat, 0.95),
                percentile(lat, 0.99),
                lat.length == 0 ? Double.NaN : Arrays.stream(lat).average().orElse(0),
                computeJ,
                radioJ,
                idleFloor,
                done == 0 ? Double.NaN : energy / done,
                done == 0 ? Double.NaN : (energy - idleFloor) / done,
                energy / window / n,
                maxPower,
                backlogS / windowSlots / n,
                backlogBits / windowSlots / n,
                (backlogS + backlogBits / rho) / windowSlots / n,
                maxYEnd,
                slots - 1 > mid ? (yAtEnd - yAtMid) / (slots - 1 - mid) : 0,
                over,
                clockSum / windowSlots / n,
                shares,
                latencyBound,
                lateInWindow);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
