package io.edgesplit.core.graph;

import static io.edgesplit.core.graph.TestGraphs.ACTIVATION_BYTES;
import static io.edgesplit.core.graph.TestGraphs.INPUT_BYTES;
import static io.edgesplit.core.graph.TestGraphs.OUTPUT_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTest {

    private static final List<String> THREE_STAGES = List.of("stage-1", "stage-2", "stage-3");

    @Test
    void chainPrefixesCrossOneTensorEach() {
        ModelGraph chain = TestGraphs.chain();

        assertThat(Partition.allOnEdge(chain).boundary(0)).containsExactly("x");
        assertThat(Partition.devicePrefix(chain, 1).boundary(0)).containsExactly("c");
        assertThat(Partition.devicePrefix(chain, 2).boundary(0)).containsExactly("r");
        assertThat(Partition.allOnDevice(chain).boundary(0)).containsExactly("y");
        assertThat(Partition.allOnEdge(chain).boundaryBytes(0)).isEqualTo(INPUT_BYTES);
        assertThat(Partition.devicePrefix(chain, 1).boundaryBytes(0)).isEqualTo(ACTIVATION_BYTES);
        assertThat(Partition.allOnDevice(chain).boundaryBytes(0)).isEqualTo(OUTPUT_BYTES);
    }

    @Test
    void cutInsideAResidualBlockCrossesTheShortcutAndTheBranch() {
        Partition inBlock = Partition.devicePrefix(TestGraphs.residual(), 2);

        assertThat(inBlock.boundary(0)).containsExactly("s", "c");
        assertThat(inBlock.boundaryBytes(0)).isEqualTo(2 * ACTIVATION_BYTES);
        assertThat(inBlock.nodesOf(Partition.DEVICE)).containsExactly(0, 1);
        assertThat(inBlock.nodesOf(Partition.EDGE)).containsExactly(2, 3);
        assertThat(inBlock.macs(0)).isEqualTo(800);
        assertThat(inBlock.macs(1)).isEqualTo(100);
    }

    @Test
    void deviceSideThatSkipsABranchIsAValidGeneralCut() {
        ModelGraph graph = TestGraphs.twoBranch();

        Partition skipLeft = Partition.deviceEdge(graph, Set.of(0, 2));

        assertThat(skipLeft.boundary(0)).containsExactly("s", "r");
        assertThat(skipLeft.nodesOf(Partition.DEVICE)).containsExactly(0, 2);
        assertThat(skipLeft.inputsOf(1)).containsExactly("s", "r");
        assertThat(skipLeft.outputsOf(1)).containsExactly("y");
        assertThat(skipLeft.toString()).isEqualTo("two-branch: device | [s, r] | edge");
    }

    @Test
    void deviceSideNotClosedUnderPredecessorsIsRejected() {
        ModelGraph graph = TestGraphs.twoBranch();

        assertThatThrownBy(() -> Partition.deviceEdge(graph, Set.of(0, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "invalid partition of model two-branch: node 'concat' (Concat) on device"
                                + " reads 'l' from node 'left' (Conv) on the later party edge");
    }

    @Test
    void threeStagesPassTheShortcutThroughTheMiddleStage() {
        Partition stages =
                Partition.of(TestGraphs.residual(), THREE_STAGES, new int[] {0, 1, 2, 2});

        assertThat(stages.boundaries()).containsExactly(List.of("s"), List.of("s", "c"));
        assertThat(stages.inputsOf(0)).containsExactly("x");
        assertThat(stages.inputsOf(1)).containsExactly("s");
        assertThat(stages.outputsOf(1)).containsExactly("s", "c");
        assertThat(stages.outputsOf(2)).containsExactly("y");
        assertThat(stages.boundaryBytes(1)).isEqualTo(2 * ACTIVATION_BYTES);
    }

    @Test
    void outputProducedEarlyCrossesEveryLaterBoundary() {
        Partition lastEmpty = Partition.of(TestGraphs.chain(), THREE_STAGES, new int[] {0, 1, 1});

        assertThat(lastEmpty.boundaries()).containsExactly(List.of("c"), List.of("y"));
        assertThat(lastEmpty.nodesOf(2)).isEmpty();
        Partition firstEmpty = Partition.of(TestGraphs.chain(), THREE_STAGES, new int[] {1, 1, 2});
        assertThat(firstEmpty.boundaries()).containsExactly(List.of("x"), List.of("r"));
    }

    @Test
    void equalityIsByAssignment() {
        ModelGraph graph = TestGraphs.residual();

        Partition prefix = Partition.devicePrefix(graph, 2);
        Partition sameNodes = Partition.deviceEdge(TestGraphs.residual(), Set.of(0, 1));

        assertThat(prefix).isEqualTo(sameNodes).hasSameHashCodeAs(sameNodes);
        assertThat(prefix).isNotEqualTo(Partition.devicePrefix(graph, 1));
        assertThat(prefix)
                .isNotEqualTo(Partition.of(graph, List.of("a", "b"), new int[] {0, 0, 1, 1}));
    }

    @Test
    void tensorWithoutSpecMakesTheBoundaryUncarriable() {
        Partition inBlock = Partition.devicePrefix(TestGraphs.residualBuilder().build(), 2);

        assertThat(inBlock.carriable()).isFalse();
        assertThatThrownBy(() -> inBlock.boundaryBytes(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "tensor 'c' of model residual crosses a boundary of residual: device |"
                                + " [s, c] | edge but has no static shape or a type edgesplit"
                                + " cannot carry");
        assertThat(Partition.devicePrefix(TestGraphs.residualBuilder().build(), 3).carriable())
                .isTrue();
    }

    @Test
    void malformedPartitionsFailWithOneLine() {
        ModelGraph chain = TestGraphs.chain();

        assertThatThrownBy(() -> Partition.of(chain, List.of("device"), new int[] {0, 0, 0}))
                .hasMessage("a partition of model chain needs at least 2 parties, got [device]");
        assertThatThrownBy(() -> Partition.of(chain, List.of("a", "a"), new int[] {0, 0, 0}))
                .hasMessage(
                        "parties of a partition of model chain must be distinct and non-blank,"
                                + " got [a, a]");
        assertThatThrownBy(() -> Partition.of(chain, List.of("a", "b"), new int[] {0, 0}))
                .hasMessage("a partition of model chain assigns 2 nodes but the graph has 3");
        assertThatThrownBy(() -> Partition.of(chain, List.of("a", "b"), new int[] {0, 2, 1}))
                .hasMessage(
                        "a partition of model chain assigns node 'relu' (Relu) to party 2; valid"
                                + " parties are 0..1 [a, b]");
        assertThatThrownBy(() -> Partition.devicePrefix(chain, 4))
                .hasMessage("prefix 4 is out of range for model chain: valid prefixes are 0..3");
        assertThatThrownBy(() -> Partition.allOnEdge(chain).boundary(1))
                .hasMessage(
                        "boundary 1 is out of range for a partition of 2 parties: valid boundaries"
                                + " are 0..0");
        assertThatThrownBy(() -> Partition.allOnEdge(chain).nodesOf("cloud"))
                .hasMessage("no party 'cloud' in this partition; parties are [device, edge]");
    }
}
