package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.testing.TestGraphs;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {

    private static final long RAW_INPUT_BYTES = 602_112;

    @Test
    void alexNetActivationSizesMatchTheKnownValues() {
        ModelAnalysis alexnet = ModelAnalyzer.analyze(ModelZoo.build("alexnet"), null);

        assertThat(alexnet.cut(0).bytes()).isEqualTo(RAW_INPUT_BYTES);
        assertThat(cutAfter(alexnet, "conv1").bytes()).isEqualTo(774_400);
        assertThat(cutAfter(alexnet, "pool2").bytes()).isEqualTo(129_792);
        assertThat(cutAfter(alexnet, "pool5").bytes()).isEqualTo(36_864);
        assertThat(alexnet.cuts()).allSatisfy(c -> assertThat(c.tensors()).hasSize(1));
    }

    @Test
    void resNet18StageOutputSizesMatchTheKnownValues() {
        ModelAnalysis resnet = ModelAnalyzer.analyze(ModelZoo.build("resnet18"), null);

        assertThat(resnet.cut(0).bytes()).isEqualTo(RAW_INPUT_BYTES);
        assertThat(cutAfter(resnet, "layer1.1.relu2").bytes()).isEqualTo(802_816);
        assertThat(cutAfter(resnet, "layer2.1.relu2").bytes()).isEqualTo(401_408);
        assertThat(cutAfter(resnet, "layer3.1.relu2").bytes()).isEqualTo(200_704);
        assertThat(cutAfter(resnet, "layer4.1.relu2").bytes()).isEqualTo(100_352);
        assertThat(cutAfter(resnet, "layer1.1.relu2").tensors()).hasSize(1);
    }

    @Test
    void residualBlocksGiveMultiTensorCuts() {
        ModelAnalysis resnet = ModelAnalyzer.analyze(ModelZoo.build("tiny-residual"), null);

        Cut inside = cutAfter(resnet, "block1.conv1");
        Cut projection = cutAfter(resnet, "block2.downsample");

        assertThat(inside.tensorNames()).containsExactly("relu", "block1.conv1");
        assertThat(inside.bytes()).isEqualTo(2 * 8 * 16 * 16 * 4);
        assertThat(inside.bytesFp16()).isEqualTo(inside.bytes() / 2);
        assertThat(projection.tensorNames()).containsExactly("block2.conv2", "block2.downsample");
    }

    @Test
    void cutsRunFromInputToOutputWithMacsSplitBetweenHeadAndTail() {
        ModelAnalysis chain = ModelAnalyzer.analyze(ModelZoo.build("tiny-chain"), null);

        assertThat(chain.cut(0).label()).isEqualTo("input");
        assertThat(chain.cut(0).tensorNames()).containsExactly("input");
        assertThat(chain.cut(chain.lastCut()).label()).isEqualTo("output");
        assertThat(chain.cut(chain.lastCut()).tensorNames()).containsExactly("logits");
        assertThat(chain.input())
                .isEqualTo(new TensorSpec("input", ElementType.FLOAT, new long[] {1, 3, 32, 32}));
        assertThat(chain.batchDimName()).contains("N");
        for (Cut c : chain.cuts()) {
            assertThat(c.headMacs() + c.tailMacs()).isEqualTo(chain.totalMacs());
        }
        assertThat(chain.cut(0).headMacs()).isZero();
        assertThat(chain.cut(chain.lastCut()).tailMacs()).isZero();
    }

    @Test
    void macsOfConvolutionsAndMatrixProducts() {
        ModelAnalysis chain = ModelAnalyzer.analyze(ModelZoo.build("tiny-chain"), null);
        // conv1: 3->8, 3x3, stride 2 on 32x32 -> 16x16; conv2: 8->16, 3x3 on 16x16; gemm 16->10
        long conv1 = 8L * 16 * 16 * 3 * 3 * 3;
        long conv2 = 16L * 16 * 16 * 8 * 3 * 3;
        long gemm = 16L * 10;

        assertThat(macs(chain, "conv1")).isEqualTo(conv1);
        assertThat(macs(chain, "conv2")).isEqualTo(conv2);
        assertThat(macs(chain, "logits")).isEqualTo(gemm);
        assertThat(macs(chain, "relu1")).isZero();
        assertThat(chain.totalMacs()).isEqualTo(conv1 + conv2 + gemm);
    }

    @Test
    void depthwiseConvolutionCostsOneGroupOfADenseOne() {
        ModelAnalysis mobilenet = ModelAnalyzer.analyze(ModelZoo.build("mobilenetv2"), null);
        // features.2.dw: 96 channels, groups=96, 3x3, stride 2, 112x112 -> 56x56
        assertThat(macs(mobilenet, "features.2.dw")).isEqualTo(96L * 56 * 56 * 3 * 3);
        assertThat(mobilenet.totalMacs()).isBetween(290_000_000L, 310_000_000L);
    }

    @Test
    void matMulCountsTheSharedDimension() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("mm")
                        .addInput(TestGraphs.floats("x", "N", 5, 7))
                        .addInitializer(TestGraphs.randomFloats("w", 1, 0.3f, 7, 3))
                        .addNode(TestGraphs.node("MatMul", "y", "x", "w"))
                        .addNode(TestGraphs.node("Relu", "z", "y"))
                        .addNode(TestGraphs.node("MatMul", "out", "z", "zT"))
                        .addNode(
                                TestGraphs.node("Transpose", "zT", "z")
                                        .addAttribute(TestGraphs.ints("perm", 0, 2, 1)))
                        .addOutput(TestGraphs.floats("out", "N", 5, 5))
                        .build();
        ModelAnalysis analysis = ModelAnalyzer.analyze(TestGraphs.model("mm", graph, 17, 8), null);

        assertThat(macs(analysis, "y")).isEqualTo(5L * 3 * 7);
        assertThat(macs(analysis, "out")).isEqualTo(5L * 5 * 3);
        assertThat(analysis.nodes())
                .extracting(NodeCost::name)
                .containsExactly("y", "z", "zT", "out");
    }

    @Test
    void dynamicInputDimsNeedAnInputShape() {
        OnnxModel dynamic = TestGraphs.dynamicImage();

        assertThatThrownBy(() -> ModelAnalyzer.analyze(dynamic, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model dynamic-image has dynamic input dims [N,3,H,W]; pass --input-shape,"
                                + " e.g. 1,3,224,224");
    }

    @Test
    void inputShapeOverrideFixesDynamicDims() {
        ModelAnalysis analysis =
                ModelAnalyzer.analyze(TestGraphs.dynamicImage(), new long[] {1, 3, 20, 24});

        assertThat(analysis.input().shape()).containsExactly(1, 3, 20, 24);
        assertThat(analysis.output().shape()).containsExactly(1, 2, 20, 24);
        assertThat(analysis.cuts()).extracting(Cut::bytes).contains(4L * 20 * 24 * 4);
    }

    @Test
    void inputShapeOverrideMustFitTheModel() {
        OnnxModel dynamic = TestGraphs.dynamicImage();

        assertThatThrownBy(() -> ModelAnalyzer.analyze(dynamic, new long[] {1, 3, 20}))
                .hasMessage(
                        "--input-shape 1,3,20 has 3 dims but model dynamic-image input 'image' has"
                                + " 4: [N,3,H,W]");
        assertThatThrownBy(() -> ModelAnalyzer.analyze(dynamic, new long[] {1, 4, 20, 20}))
                .hasMessage(
                        "--input-shape 1,4,20,20 does not match model dynamic-image input"
                                + " [N,3,H,W] at dim 1");
        assertThatThrownBy(() -> ModelAnalyzer.analyze(dynamic, new long[] {8, 3, 20, 20}))
                .hasMessageStartingWith("--input-shape 8,3,20,20: use batch 1");
    }

    @Test
    void modelWithoutInteriorCutIsRejected() {
        assertThatThrownBy(() -> ModelAnalyzer.analyze(TestGraphs.singleRelu(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "model single-relu has no valid interior cut (1 activation node): nothing"
                                + " to split between device and edge");
    }

    @Test
    void multiInputModelsAreRejected() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("two")
                        .addInput(TestGraphs.floats("a", 1, 4))
                        .addInput(TestGraphs.floats("b", 1, 4))
                        .addNode(TestGraphs.node("Add", "c", "a", "b"))
                        .addNode(TestGraphs.node("Relu", "d", "c"))
                        .addOutput(TestGraphs.floats("d", 1, 4))
                        .build();

        assertThatThrownBy(() -> ModelAnalyzer.analyze(TestGraphs.model("two", graph, 17, 8), null))
                .hasMessage(
                        "model two has 2 inputs [a, b]; edgesplit partitions single-input models");
    }

    @Test
    void undefinedTensorsAreReportedByName() {
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName("broken")
                        .addInput(TestGraphs.floats("x", 1, 4))
                        .addNode(TestGraphs.node("Add", "y", "x", "ghost"))
                        .addOutput(TestGraphs.floats("y", 1, 4))
                        .build();

        assertThatThrownBy(
                        () -> ModelAnalyzer.analyze(TestGraphs.model("broken", graph, 17, 8), null))
                .hasMessage(
                        "model broken: node 'y' (Add) reads 'ghost', which no node, graph input or"
                                + " initializer defines");
    }

    @Test
    void macsOnlyProfileRoundTripsThroughJson() {
        ModelAnalysis analysis = ModelAnalyzer.analyze(ModelZoo.build("tiny-residual"), null);

        ModelProfile profile = analysis.toProfile();
        ModelProfile back = ModelProfileJson.fromJson(ModelProfileJson.toJson(profile), "test");

        assertThat(profile.measuredOn()).isNull();
        assertThat(profile.cuts()).hasSize(analysis.cuts().size());
        assertThat(profile.cuts()).noneMatch(CutProfile::measured);
        assertThat(profile.totalMacs()).isEqualTo(analysis.totalMacs());
        assertThat(back.cuts())
                .extracting(CutProfile::bytesFp32)
                .isEqualTo(profile.cuts().stream().map(CutProfile::bytesFp32).toList());
        assertThat(back.cut(3).tensors()).isEqualTo(profile.cut(3).tensors());
    }

    private static Cut cutAfter(ModelAnalysis analysis, String node) {
        return analysis.cuts().stream()
                .filter(c -> c.label().startsWith("after " + node + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cut after " + node));
    }

    private static long macs(ModelAnalysis analysis, String node) {
        return analysis.nodes().stream()
                .filter(n -> n.name().equals(node))
                .findFirst()
                .orElseThrow()
                .macs();
    }
}
