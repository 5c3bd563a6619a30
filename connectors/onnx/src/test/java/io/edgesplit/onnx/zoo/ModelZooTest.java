package io.edgesplit.onnx.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgesplit.onnx.graph.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelZooTest {

    @Test
    void listsTheRealModelsThenTheTestModels() {
        assertThat(ModelZoo.names())
                .containsExactly(
                        "alexnet",
                        "vgg16",
                        "resnet18",
                        "mobilenetv2",
                        "densenet121",
                        "tiny-chain",
                        "tiny-residual",
                        "tiny-densenet",
                        "tiny-branches");
        assertThat(ModelZoo.entries())
                .filteredOn(ModelZoo.Entry::testModel)
                .extracting(ModelZoo.Entry::name)
                .containsExactly("tiny-chain", "tiny-residual", "tiny-densenet", "tiny-branches");
        assertThat(ModelZoo.contains("ResNet18")).isTrue();
        assertThat(ModelZoo.contains("resnet50")).isFalse();
    }

    @Test
    void unknownNameListsTheValidNames() {
        assertThatThrownBy(() -> ModelZoo.build("resnet50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown model 'resnet50': built-in models are alexnet, vgg16, resnet18,"
                                + " mobilenetv2, densenet121, tiny-chain, tiny-residual,"
                                + " tiny-densenet, tiny-branches");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-chain", "tiny-residual", "mobilenetv2", "resnet18"})
    void buildsTheSameBytesEveryTime(String name) {
        assertThat(ModelZoo.build(name).toBytes()).isEqualTo(ModelZoo.build(name).toBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-chain", "tiny-residual", "tiny-densenet"})
    void testModelsHaveSmallInputsAndTenClasses(String name) {
        OnnxModel model = ModelZoo.build(name);

        assertThat(model.opset()).isEqualTo(17);
        assertThat(dims(model.inputs().get(0))).isEqualTo("input[N,3,32,32]");
        assertThat(dims(model.outputs().get(0))).isEqualTo("logits[N,10]");
        ZooOutputs.assertFiniteAndVaried(model);
    }

    @Test
    void resNet18AndMobileNetV2HaveTorchvisionSizes() {
        OnnxModel resnet = ModelZoo.build("resnet18");
        OnnxModel mobilenet = ModelZoo.build("mobilenetv2");

        // torchvision counts 11,689,512 and 3,504,872 with batch-norm scale and shift; folding
        // batch norm leaves one bias per channel instead of two parameters
        assertThat(resnet.parameterCount()).isEqualTo(11_689_512 - 4_800);
        assertThat(mobilenet.parameterCount()).isEqualTo(3_504_872 - 17_054);
        assertThat(dims(resnet.inputs().get(0))).isEqualTo("input[N,3,224,224]");
        assertThat(dims(mobilenet.outputs().get(0))).isEqualTo("logits[N,1000]");
        ZooOutputs.assertFiniteAndVaried(resnet);
        ZooOutputs.assertFiniteAndVaried(mobilenet);
    }

    @Test
    void denseNetsHaveTheDenseNet121GraphAndTorchvisionSize() {
        OnnxModel dense = ModelZoo.build("densenet121");
        OnnxModel tiny = ModelZoo.build("tiny-densenet");

        // 120 convolutions and one fully connected layer; 58 dense layers, each with a Concat of
        // every earlier feature map of its block
        for (OnnxModel m : new OnnxModel[] {dense, tiny}) {
            var nodes = m.proto().getGraph().getNodeList();
            assertThat(nodes).filteredOn(n -> n.getOpType().equals("Conv")).hasSize(120);
            assertThat(nodes).filteredOn(n -> n.getOpType().equals("Concat")).hasSize(58);
            assertThat(nodes).hasSize(expectedNodes());
        }
        // torchvision counts 7,978,856: two batch-norm parameters per channel before every conv
        // there, one folded bias per output channel here
        assertThat(dense.parameterCount()).isEqualTo(7_905_448L);
        assertThat(tiny.parameterCount()).isEqualTo(110_946L);
        assertThat(dims(dense.inputs().get(0))).isEqualTo("input[N,3,224,224]");
        assertThat(dims(dense.outputs().get(0))).isEqualTo("logits[N,1000]");
        ZooOutputs.assertFiniteAndVaried(dense);
    }

    private static int expectedNodes() {
        // stem conv, relu, pool; 58 layers of relu, conv, relu, conv, concat; 3 transitions of
        // relu, conv, pool; relu, global pool, flatten, gemm
        return 3 + 58 * 5 + 3 * 3 + 4;
    }

    static String dims(ValueInfoProto v) {
        StringBuilder sb = new StringBuilder(v.getName()).append('[');
        var shape = v.getType().getTensorType().getShape();
        for (int i = 0; i < shape.getDimCount(); i++) {
            var d = shape.getDim(i);
            sb.append(i == 0 ? "" : ",")
                    .append(d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()));
        }
        return sb.append(']').toString();
    }
}
