package io.edgesplit.core.graph;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import java.util.List;

/** Small hand-built graphs: a chain, a residual block and two branches. */
public final class TestGraphs {

    /** Bytes of a float [1,8,4,4] activation. */
    public static final long ACTIVATION_BYTES = 8 * 4 * 4 * 4;

    /** Bytes of the float [1,3,8,8] input. */
    public static final long INPUT_BYTES = 3 * 8 * 8 * 4;

    /** Bytes of the float [1,10] output. */
    public static final long OUTPUT_BYTES = 10 * 4;

    private TestGraphs() {}

    /** A float tensor. */
    public static TensorSpec spec(String name, long... shape) {
        return new TensorSpec(name, ElementType.FLOAT, shape);
    }

    /** A builder with input x [1,3,8,8]. */
    public static ModelGraph.Builder withInput(String model) {
        return ModelGraph.builder(model).input(spec("x", 1, 3, 8, 8));
    }

    /** Activation [1,8,4,4]. */
    public static TensorSpec act(String name) {
        return spec(name, 1, 8, 4, 4);
    }

    /** x -> conv -> relu -> fc -> y. */
    public static ModelGraph chain() {
        return withInput("chain")
                .node("conv", "Conv", 1000, List.of("x"), List.of("c"))
                .node("relu", "Relu", 0, List.of("c"), List.of("r"))
                .node("fc", "Gemm", 200, List.of("r"), List.of("y"))
                .specs(List.of(act("c"), act("r"), spec("y", 1, 10)))
                .output("y")
                .build();
    }

    /** x -> stem -> s; s -> conv -> c; add(s, c) -> a -> fc -> y. */
    public static ModelGraph residual() {
        return residualBuilder().spec(act("c")).build();
    }

    /** {@link #residual()} without the builder's spec of c (so c cannot be carried). */
    public static ModelGraph.Builder residualBuilder() {
        return withInput("residual")
                .node("stem", "Conv", 500, List.of("x"), List.of("s"))
                .node("conv", "Conv", 300, List.of("s"), List.of("c"))
                .node("add", "Add", 0, List.of("s", "c"), List.of("a"))
                .node("fc", "Gemm", 100, List.of("a"), List.of("y"))
                .specs(List.of(act("s"), act("a"), spec("y", 1, 10)))
                .output("y");
    }

    /** x -> stem -> s; s -> left -> l; s -> right -> r; concat(l, r) -> k -> fc -> y. */
    public static ModelGraph twoBranch() {
        return withInput("two-branch")
                .node("stem", "Conv", 500, List.of("x"), List.of("s"))
                .node("left", "Conv", 300, List.of("s"), List.of("l"))
                .node("right", "Conv", 200, List.of("s"), List.of("r"))
                .node("concat", "Concat", 0, List.of("l", "r"), List.of("k"))
                .node("fc", "Gemm", 100, List.of("k"), List.of("y"))
                .specs(List.of(act("s"), act("l"), act("r"), spec("k", 1, 16, 4, 4)))
                .spec(spec("y", 1, 10))
                .output("y")
                .build();
    }
}
