package io.edgesplit.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.testing.TestGraphs;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelRunnerTest {

    private static final TensorSpec INPUT =
            new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 32, 32});
    private static final RunnerOptions OPTIONS = RunnerOptions.builder().intraOpThreads(1).build();

    private static ModelRunner chain;

    @BeforeAll
    static void open() {
        chain = ModelRunner.open(ModelZoo.build("tiny-chain"), OPTIONS);
    }

    @AfterAll
    static void close() {
        chain.close();
    }

    @Test
    void describesInputsAndOutputsWithBatchOne() {
        assertThat(chain.inputs()).containsExactly(INPUT);
        assertThat(chain.outputs())
                .containsExactly(new TensorSpec("logits", ElementType.FLOAT, new long[] {1, 10}));
        assertThat(chain.maxBatch()).isEqualTo(Integer.MAX_VALUE);
        assertThat(chain.providerInUse()).isEqualTo(ExecutionProvider.CPU);
        assertThat(chain.name()).isEqualTo("tiny-chain");
    }

    @Test
    void runsBatchesOnASymbolicBatchDimension() {
        TensorData four = Tensors.random(INPUT, 4, 1);

        TensorData batched = chain.run(four).get(0);

        assertThat(batched.shape()).containsExactly(4, 10);
        for (int i = 0; i < 4; i++) {
            TensorData single = chain.run(Tensors.sample(four, i)).get(0);
            assertThat(Tensors.relativeError(Tensors.sample(batched, i), single)).isLessThan(1e-5);
        }
    }

    @Test
    void reusedBuffersGiveTheSameResultsAfterGrowing() {
        TensorData one = Tensors.random(INPUT, 1, 2);
        TensorData first = chain.run(one).get(0);

        chain.run(Tensors.random(INPUT, 8, 3));
        TensorData again = chain.run(one).get(0);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void wrongShapeNamesExpectedAndGot() {
        TensorData wrong =
                Tensors.random(
                        new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 32, 31}),
                        1,
                        1);

        assertThatThrownBy(() -> chain.run(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model tiny-chain: input 'input' expected float[N,3,32,32], got"
                                + " float[1,3,32,31]");
    }

    @Test
    void wrongElementTypeNamesExpectedAndGot() {
        TensorData ints =
                TensorData.of(
                        "input",
                        ElementType.INT32,
                        new long[] {1, 3, 32, 32},
                        new byte[3 * 32 * 32 * 4]);

        assertThatThrownBy(() -> chain.run(ints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model tiny-chain: input 'input' expected float[N,3,32,32], got"
                                + " int32[1,3,32,32]");
    }

    @Test
    void wrongByteLengthIsRejectedWhereTheTensorIsMade() {
        assertThatThrownBy(
                        () ->
                                TensorData.of(
                                        "input",
                                        ElementType.FLOAT,
                                        new long[] {1, 3, 32, 32},
                                        new byte[100]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor 'input': float[1,3,32,32] needs 12288 bytes, got 100");
    }

    @Test
    void unknownAndMissingInputsAreNamed() {
        TensorData stray = TensorData.ofFloats("image", new long[] {1, 2}, new float[2]);

        assertThatThrownBy(() -> chain.run(stray))
                .hasMessageStartingWith(
                        "model tiny-chain has no input 'image'; inputs: [input:float");
        assertThatThrownBy(() -> chain.run(List.of()))
                .hasMessage("model tiny-chain: missing input 'input' float[N,3,32,32]");
    }

    @Test
    void fixedBatchModelsAcceptOnlyTheirBatch() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("fixed")
                        .addInput(TestGraphs.floats("x", 1, 4))
                        .addNode(TestGraphs.node("Relu", "y", "x"))
                        .addOutput(TestGraphs.floats("y", 1, 4))
                        .build();
        try (ModelRunner fixed =
                ModelRunner.open(TestGraphs.model("fixed", graph, 17, 8), OPTIONS)) {
            assertThat(fixed.maxBatch()).isEqualTo(1);
            TensorData two = TensorData.ofFloats("x", new long[] {2, 4}, new float[8]);

            assertThatThrownBy(() -> fixed.run(two))
                    .hasMessage("model fixed: input 'x' expected float[1,4], got float[2,4]");
            TensorData out =
                    fixed.run(
                                    TensorData.ofFloats(
                                            "x", new long[] {1, 4}, new float[] {-1, 2, -3, 4}))
                            .get(0);
            assertThat(out.floats().get(1)).isEqualTo(2f);
            assertThat(out.floats().get(2)).isZero();
        }
    }

    @Test
    void useAfterCloseFails() {
        ModelRunner runner = ModelRunner.open(ModelZoo.build("tiny-chain"), OPTIONS);
        runner.close();
        runner.close();

        assertThatThrownBy(() -> runner.run(Tensors.random(INPUT, 1, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ModelRunner for model tiny-chain is closed");
    }

    @Test
    void dynamicNonBatchDimsAreRejectedAtOpen() {
        OnnxModel dynamic = TestGraphs.dynamicImage();

        assertThatThrownBy(() -> ModelRunner.open(dynamic, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "model dynamic-image input 'image' has dynamic dims [N,3,H,W]");
    }

    @Test
    void corruptBytesAreReportedInOneLine() {
        assertThatThrownBy(() -> ModelRunner.open(new byte[] {1, 2, 3}, "garbage", OPTIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ONNX Runtime cannot load model garbage: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void tensorDataIsAReadOnlyLittleEndianView() {
        ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(0, 9f).putFloat(4, 1f).putFloat(8, 2f);
        bytes.position(4);
        // a big-endian view of the same bytes is still read as little-endian
        TensorData t =
                new TensorData(
                        "t", ElementType.FLOAT, new long[] {2}, bytes.order(ByteOrder.BIG_ENDIAN));

        assertThat(t.data().isReadOnly()).isTrue();
        assertThat(t.floats().get(0)).isEqualTo(1f);
        assertThat(t.floats().get(1)).isEqualTo(2f);
        assertThat(t.toByteArray()).hasSize(8);
        assertThat(t.spec()).isEqualTo(new TensorSpec("t", ElementType.FLOAT, new long[] {2}));
    }
}
