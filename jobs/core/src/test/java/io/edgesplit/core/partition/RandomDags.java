package io.edgesplit.core.partition;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random DAGs for the min-cut tests and benchmarks: each node reads one to three earlier tensors
 * (skip connections) and writes one or two; MACs up to 1e8 (a quarter of the nodes none); tensors
 * of 1 to 64k floats.
 */
public final class RandomDags {

    private static final int MAX_FLOATS = 65536;

    private RandomDags() {}

    /**
     * @param uncarriableOneIn one tensor in this many has no spec (cannot be carried); 0 for none
     * @param shrinking a tensor's size bound falls linearly with depth, as activations do in a CNN
     */
    public static ModelGraph dag(
            Random random, String name, int n, int uncarriableOneIn, boolean shrinking) {
        ModelGraph.Builder b = ModelGraph.builder(name).input(spec("x", random, MAX_FLOATS));
        List<String> tensors = new ArrayList<>(List.of("x"));
        String last = "x";
        for (int v = 0; v < n; v++) {
            List<String> reads = new ArrayList<>();
            reads.add(tensors.get(Math.max(0, tensors.size() - 1 - random.nextInt(3))));
            for (int k = random.nextInt(3); k > 0; k--) {
                reads.add(tensors.get(random.nextInt(tensors.size())));
            }
            List<String> writes = new ArrayList<>();
            for (int k = random.nextInt(6) == 0 ? 2 : 1; k > 0; k--) {
                String t = "t" + v + "_" + k;
                writes.add(t);
                if (uncarriableOneIn == 0 || random.nextInt(uncarriableOneIn) != 0) {
                    int bound =
                            shrinking ? 1 + (int) ((long) MAX_FLOATS * (n - v) / n) : MAX_FLOATS;
                    b.spec(spec(t, random, bound));
                }
            }
            long macs = random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * 1e8);
            b.node("n" + v, "Op", macs, reads.stream().distinct().toList(), writes);
            tensors.addAll(writes);
            last = writes.get(0);
        }
        return b.output(last).build();
    }

    private static TensorSpec spec(String name, Random random, int bound) {
        return new TensorSpec(name, ElementType.FLOAT, new long[] {1, 1 + random.nextInt(bound)});
    }
}
