package io.edgesplit.core.graph;

import static io.edgesplit.core.graph.TestGraphs.act;
import static io.edgesplit.core.graph.TestGraphs.withInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelGraphTest {

    @Test
    void chainListsNodesInOrderAndTensorsInProductionOrder() {
        ModelGraph chain = TestGraphs.chain();

        assertThat(chain.nodes())
                .extracting(ModelGraph.Node::name)
                .containsExactly("conv", "relu", "fc");
        assertThat(chain.nodes()).extracting(ModelGraph.Node::index).containsExactly(0, 1, 2);
        assertThat(chain.tensors())
                .extracting(ModelGraph.Tensor::name)
                .containsExactly("x", "c", "r", "y");
        assertThat(chain.input().producer()).isEqualTo(ModelGraph.GRAPH_INPUT);
        assertThat(chain.output().name()).isEqualTo("y");
        assertThat(chain.totalMacs()).isEqualTo(1200);
    }

    @Test
    void residualTensorKnowsItsProducerAndEveryConsumer() {
        ModelGraph residual = TestGraphs.residual();

        ModelGraph.Tensor s = residual.tensor("s").orElseThrow();

        assertThat(s.producer()).isZero();
        assertThat(s.consumers()).containsExactly(1, 2);
        assertThat(s.spec()).isEqualTo(act("s"));
        assertThat(residual.node(2).reads()).containsExactly("s", "c");
        assertThat(residual.output().consumers()).isEmpty();
    }

    @Test
    void tensorWithoutSpecIsNotCarriable() {
        ModelGraph graph = TestGraphs.residualBuilder().build();

        assertThat(graph.tensor("c").orElseThrow().carriable()).isFalse();
        assertThat(graph.tensor("s").orElseThrow().carriable()).isTrue();
    }

    @Test
    void nodeReadingALaterTensorIsRejected() {
        ModelGraph.Builder outOfOrder =
                withInput("m")
                        .node("relu", "Relu", 0, List.of("c"), List.of("r"))
                        .node("conv", "Conv", 10, List.of("x"), List.of("c"))
                        .output("r");

        assertThatThrownBy(outOfOrder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "graph of model m: node 0 'relu' (Relu) reads 'c', which neither the input"
                                + " nor an earlier node produces (nodes must come in a topological"
                                + " order)");
    }

    @Test
    void tensorProducedTwiceIsRejected() {
        ModelGraph.Builder twice =
                withInput("m")
                        .node("a", "Relu", 0, List.of("x"), List.of("t"))
                        .node("b", "Relu", 0, List.of("t"), List.of("t"))
                        .output("t");

        assertThatThrownBy(twice::build)
                .hasMessage("graph of model m: tensor 't' is produced twice (node 1 'b' (Relu))");
    }

    @Test
    void malformedGraphsFailWithOneLine() {
        assertThatThrownBy(() -> ModelGraph.builder("m").output("x").build())
                .hasMessage("graph of model m: no input tensor was set");
        assertThatThrownBy(() -> withInput("m").build())
                .hasMessage("graph of model m: no output tensor was set");
        assertThatThrownBy(() -> withInput("m").output("y").build())
                .hasMessage(
                        "graph of model m: output 'y' is neither the input nor produced by a node");
        assertThatThrownBy(
                        () ->
                                withInput("m")
                                        .node("a", "Conv", -5, List.of("x"), List.of("y"))
                                        .output("y")
                                        .build())
                .hasMessage("graph of model m: node 0 'a' (Conv) has negative MACs -5");
        assertThatThrownBy(() -> withInput("m").output("x").spec(act("q")).build())
                .hasMessage(
                        "graph of model m: a spec is given for 'q', which is no tensor of the graph");
        assertThatThrownBy(() -> ModelGraph.builder(" "))
                .hasMessage("a model graph needs a non-blank model id");
        assertThatThrownBy(() -> TestGraphs.chain().node(3))
                .hasMessage("node 3 is out of range for graph chain: valid nodes are 0..2");
    }

    @Test
    void equalityIsByContent() {
        assertThat(TestGraphs.residual()).isEqualTo(TestGraphs.residual());
        assertThat(TestGraphs.residual()).hasSameHashCodeAs(TestGraphs.residual());
        assertThat(TestGraphs.residual()).isNotEqualTo(TestGraphs.residualBuilder().build());
        assertThat(TestGraphs.residual()).isNotEqualTo(TestGraphs.chain());
    }
}
