package io.edgesplit.onnx.graph;

import static io.edgesplit.onnx.testing.TestGraphs.constant;
import static io.edgesplit.onnx.testing.TestGraphs.floats;
import static io.edgesplit.onnx.testing.TestGraphs.int64s;
import static io.edgesplit.onnx.testing.TestGraphs.integer;
import static io.edgesplit.onnx.testing.TestGraphs.ints;
import static io.edgesplit.onnx.testing.TestGraphs.node;
import static io.edgesplit.onnx.testing.TestGraphs.randomFloats;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.split.SplitModels;
import io.edgesplit.onnx.testing.SplitChecker;
import io.edgesplit.onnx.testing.TestGraphs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graphs shaped like {@code torch.onnx.export} output: {@code input.1} with a symbolic {@code
 * batch_size}, initializers also listed as graph inputs, Constant nodes, {@code x.view(x.size(0),
 * -1)} as a Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain, or {@code torch.flatten}.
 */
class PyTorchStyleGraphTest {

    private static final String INPUT = "input.1";
    private static final String MUL = "/Mul_output_0";
    private static final String RESHAPED = "/Reshape_output_0";

    @ParameterizedTest(name = "opset {0}, flatten with {1}")
    @CsvSource({"13, reshape", "17, reshape", "13, flatten", "17, flatten"})
    void analysesAndSplitsEveryCut(int opset, String flatten) {
        OnnxModel model = exported(opset, flatten.equals("reshape"), false);

        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);

        assertThat(analysis.input().name()).isEqualTo(INPUT);
        assertThat(analysis.batchDimName()).contains("batch_size");
        assertThat(analysis.cuts())
                .allSatisfy(
                        c ->
                                assertThat(c.tensors())
                                        .allSatisfy(
                                                t -> {
                                                    assertThat(t.elementType())
                                                            .isEqualTo(ElementType.FLOAT);
                                                    assertThat(t.name())
                                                            .doesNotContain(
                                                                    "Shape",
                                                                    "Gather",
                                                                    "Concat",
                                                                    "Constant");
                                                }));
        assertThat(analysis.cuts()).allSatisfy(c -> assertThat(c.tensors()).hasSize(1));
        assertThat(SplitChecker.checkEveryCut(model, analysis, 5))
                .isEqualTo(analysis.lastCut() + 1);
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17})
    void shapeChainIsRecomputedInTheTailAndNeverCrossesTheCut(int opset) {
        OnnxModel model = exported(opset, true, false);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        Cut beforeReshape = cutAfter(analysis, "/Mul");

        SplitModels split = ModelSplitter.split(model, analysis, beforeReshape.index());

        assertThat(beforeReshape.tensorNames()).containsExactly(MUL);
        assertThat(ops(split.tail())).contains("Shape", "Gather", "Unsqueeze", "Concat", "Reshape");
        assertThat(ops(split.head())).doesNotContain("Shape", "Reshape");
        assertThat(split.tail().inputs()).extracting(ValueInfoProto::getName).containsExactly(MUL);
        assertThat(split.head().inputs())
                .extracting(ValueInfoProto::getName)
                .containsExactly(INPUT);
        assertThat(analysis.tensor(RESHAPED).map(TensorSpec::shape))
                .hasValueSatisfying(s -> assertThat(s).containsExactly(1, 8 * 8 * 8));
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17})
    void shapeOfTheInputReadLateKeepsTheInputAvailable(int opset) {
        OnnxModel model = exported(opset, true, true);
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);

        int reshapeReadsTheShape = cutAfter(analysis, "/Mul").index();

        assertThat(analysis.cuts().subList(0, reshapeReadsTheShape + 1))
                .allSatisfy(c -> assertThat(c.tensorNames()).contains(INPUT));
        assertThat(cutAfter(analysis, "/Reshape").tensorNames()).containsExactly(RESHAPED);
        assertThat(SplitChecker.checkEveryCut(model, analysis, 9))
                .isEqualTo(analysis.lastCut() + 1);
    }

    /**
     * conv(3->8, pad 1) -> relu -> maxpool 2 -> mul by a Constant -> flatten (Reshape chain or
     * Flatten) -> gemm(512->10) -> relu. With {@code batchFromInput} the Reshape's batch comes from
     * Shape(input.1) instead of Shape(mul).
     */
    static OnnxModel exported(int opset, boolean reshape, boolean batchFromInput) {
        List<TensorProto> weights =
                List.of(
                        randomFloats("conv.weight", 1, 0.3f, 8, 3, 3, 3),
                        randomFloats("conv.bias", 2, 0.1f, 8),
                        randomFloats("fc.weight", 3, 0.05f, 10, 512),
                        randomFloats("fc.bias", 4, 0.1f, 10));
        GraphProto.Builder g =
                GraphProto.newBuilder()
                        .setName("torch_jit")
                        .addInput(floats(INPUT, "batch_size", 3, 16, 16));
        for (TensorProto w : weights) {
            g.addInitializer(w);
            g.addInput(initializerInput(w));
        }
        g.addNode(
                node("Conv", "/conv/Conv_output_0", INPUT, "conv.weight", "conv.bias")
                        .setName("/conv/Conv")
                        .addAttribute(ints("kernel_shape", 3, 3))
                        .addAttribute(ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", "/relu/Relu_output_0", "/conv/Conv_output_0").setName("/relu/Relu"));
        g.addNode(
                node("MaxPool", "/pool/MaxPool_output_0", "/relu/Relu_output_0")
                        .setName("/pool/MaxPool")
                        .addAttribute(ints("kernel_shape", 2, 2))
                        .addAttribute(ints("strides", 2, 2)));
        TensorProto half =
                TensorProto.newBuilder()
                        .setName("half")
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addFloatData(0.5f)
                        .build();
        g.addNode(constant("/Constant_output_0", half).toBuilder().setName("/Constant").build());
        g.addNode(node("Mul", MUL, "/pool/MaxPool_output_0", "/Constant_output_0").setName("/Mul"));
        String flat;
        if (reshape) {
            String shapeSource = batchFromInput ? INPUT : MUL;
            g.addNode(node("Shape", "/Shape_output_0", shapeSource).setName("/Shape"));
            g.addNode(constant("/Constant_1_output_0", int64s("zero", true, 0)));
            g.addNode(
                    node("Gather", "/Gather_output_0", "/Shape_output_0", "/Constant_1_output_0")
                            .setName("/Gather")
                            .addAttribute(integer("axis", 0)));
            g.addNode(constant("/Constant_2_output_0", int64s("axes", false, 0)));
            g.addNode(
                    node(
                                    "Unsqueeze",
                                    "/Unsqueeze_output_0",
                                    "/Gather_output_0",
                                    "/Constant_2_output_0")
                            .setName("/Unsqueeze"));
            g.addNode(constant("/Constant_3_output_0", int64s("minus_one", false, -1)));
            g.addNode(
                    node(
                                    "Concat",
                                    "/Concat_output_0",
                                    "/Unsqueeze_output_0",
                                    "/Constant_3_output_0")
                            .setName("/Concat")
                            .addAttribute(integer("axis", 0)));
            g.addNode(node("Reshape", RESHAPED, MUL, "/Concat_output_0").setName("/Reshape"));
            flat = RESHAPED;
        } else {
            g.addNode(
                    node("Flatten", "/Flatten_output_0", MUL)
                            .setName("/Flatten")
                            .addAttribute(integer("axis", 1)));
            flat = "/Flatten_output_0";
        }
        g.addNode(
                node("Gemm", "/fc/Gemm_output_0", flat, "fc.weight", "fc.bias")
                        .setName("/fc/Gemm")
                        .addAttribute(integer("transB", 1)));
        g.addNode(node("Relu", "output", "/fc/Gemm_output_0").setName("/Relu_1"));
        g.addOutput(floats("output", "batch_size", 10));
        return TestGraphs.model("torch-export-" + opset, g.build(), opset, opset >= 17 ? 8 : 7);
    }

    private static ValueInfoProto initializerInput(TensorProto w) {
        Object[] dims = w.getDimsList().toArray();
        return floats(w.getName(), dims);
    }

    private static Cut cutAfter(ModelAnalysis analysis, String node) {
        return analysis.cuts().stream()
                .filter(c -> c.label().startsWith("after " + node + " "))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> ops(OnnxModel model) {
        return model.proto().getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }
}
