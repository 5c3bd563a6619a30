package io.edgesplit.core.partition;

import static io.edgesplit.core.graph.TestGraphs.act;
import static io.edgesplit.core.graph.TestGraphs.spec;
import static io.edgesplit.core.graph.TestGraphs.withInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.graph.ModelGraph;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.graph.TestGraphs;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixCutsTest {

    private static final PrefixCuts PREFIX_CUTS = new PrefixCuts();

    @Test
    void chainHasACutAtEveryPosition() {
        List<Partition> cuts = PREFIX_CUTS.candidates(TestGraphs.chain());

        assertThat(cuts)
                .extracting(p -> p.boundary(0))
                .containsExactly(List.of("x"), List.of("c"), List.of("r"), List.of("y"));
        assertThat(cuts)
                .extracting(p -> p.nodesOf(Partition.DEVICE).size())
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void residualBlockGivesAMultiTensorCut() {
        List<Partition> cuts = PREFIX_CUTS.candidates(TestGraphs.residual());

        assertThat(cuts)
                .extracting(p -> p.boundary(0))
                .containsExactly(
                        List.of("x"), List.of("s"), List.of("s", "c"), List.of("a"), List.of("y"));
    }

    @Test
    void positionWithAnUncarriableTensorIsSkipped() {
        List<Partition> cuts = PREFIX_CUTS.candidates(TestGraphs.residualBuilder().build());

        assertThat(cuts)
                .extracting(p -> p.boundary(0))
                .containsExactly(List.of("x"), List.of("s"), List.of("a"), List.of("y"));
    }

    @Test
    void positionWithTheSameBoundaryIsNotANewCut() {
        ModelGraph deadBranch =
                withInput("dead-branch")
                        .node("stem", "Conv", 10, List.of("x"), List.of("s"))
                        .node("probe", "Relu", 0, List.of("s"), List.of("unused"))
                        .node("fc", "Gemm", 10, List.of("s"), List.of("y"))
                        .specs(List.of(act("s"), act("unused"), spec("y", 1, 10)))
                        .output("y")
                        .build();

        List<Partition> cuts = PREFIX_CUTS.candidates(deadBranch);

        assertThat(cuts)
                .extracting(p -> p.boundary(0))
                .containsExactly(List.of("x"), List.of("s"), List.of("y"));
        assertThat(cuts.get(1).nodesOf(Partition.DEVICE)).containsExactly(0);
    }

    @Test
    void lastPositionReplacesAnEarlierCutWithTheSameBoundary() {
        ModelGraph outputThenDeadNode =
                withInput("output-early")
                        .node("fc", "Gemm", 10, List.of("x"), List.of("y"))
                        .node("probe", "Relu", 0, List.of("y"), List.of("unused"))
                        .specs(List.of(spec("y", 1, 10), spec("unused", 1, 10)))
                        .output("y")
                        .build();

        List<Partition> cuts = PREFIX_CUTS.candidates(outputThenDeadNode);

        assertThat(cuts).extracting(p -> p.boundary(0)).containsExactly(List.of("x"), List.of("y"));
        assertThat(cuts.get(1)).isEqualTo(Partition.allOnDevice(outputThenDeadNode));
    }

    @Test
    void uncarriableInputIsRejected() {
        ModelGraph noInputSpec =
                ModelGraph.builder("m")
                        .input("x")
                        .node("fc", "Gemm", 10, List.of("x"), List.of("y"))
                        .spec(spec("y", 1, 10))
                        .output("y")
                        .build();

        assertThatThrownBy(() -> PREFIX_CUTS.candidates(noInputSpec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model m: the input has no static shape or an unsupported element type");
    }
}
