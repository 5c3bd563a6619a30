package io.edgesplit.onnx.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfile;
import io.edgesplit.core.device.EdgeServerProfiles;
import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.partition.CutCompression;
import io.edgesplit.core.partition.DagCut;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Checks that {@link CutCompression} preserves the optimum of a model's graph: for every built-in
 * device profile at its lowest and highest clock, bandwidths 1 kbit/s to 1 Tbit/s (one per decade)
 * and both objectives, the min-cut of the compressed graph costs what the full graph's does, and
 * expanded back it is a closed device side of the full graph with that cost.
 */
public final class CompressionCheck {

    private static final EdgeServerProfile EDGE = EdgeServerProfiles.defaultProfile();

    private CompressionCheck() {}

    /** Compresses, checks and returns the table row "| model | nodes | compressed | ratio |". */
    public static String check(ModelGraph full) {
        CutCompression.Compressed c = CutCompression.compress(full);
        for (String type : DeviceProfiles.builtinNames()) {
            DeviceProfile device = DeviceProfiles.builtin(type);
            for (long clock : List.of(device.gpu().clocksHz().get(0), device.maxClockHz())) {
                for (double bps = 1e3; bps <= 1e12; bps *= 10) {
                    for (DagCut.Objective o : DagCut.Objective.values()) {
                        DagCut.Choice whole = DagCut.solve(full, device, clock, EDGE, bps, o);
                        DagCut.Choice small = DagCut.solve(c.graph(), device, clock, EDGE, bps, o);
                        Partition back = c.expand(small.partition());
                        BitSet set = new BitSet();
                        back.nodesOf(Partition.DEVICE).forEach(set::set);
                        double backCost = DagCut.cost(full, device, clock, EDGE, bps, o, set);
                        double tolerance = 1e-9 * Math.max(1e-12, whole.cost());
                        String what = full.modelId() + " " + type + " " + clock + " " + bps + o;
                        assertThat(small.cost())
                                .as(what)
                                .isCloseTo(whole.cost(), within(tolerance));
                        assertThat(backCost).as(what).isCloseTo(whole.cost(), within(tolerance));
                    }
                }
            }
        }
        String row =
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %.1fx |",
                        full.modelId(),
                        full.nodeCount(),
                        c.graph().nodeCount(),
                        (double) full.nodeCount() / c.graph().nodeCount());
        System.out.println("compression " + row);
        return row;
    }
}
