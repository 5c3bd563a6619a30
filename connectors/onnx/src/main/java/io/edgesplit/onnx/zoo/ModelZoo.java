package io.edgesplit.onnx.zoo;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgesplit.onnx.graph.OnnxModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The built-in models: real torchvision topologies with deterministic random weights, so tests and
 * demos need no download. Inputs are {@code input} float [N,3,224,224] (tiny models: [N,3,32,32])
 * with a symbolic batch dimension {@code N}; outputs are {@code logits} [N,1000] ([N,10]). Opset
 * 17. The same name always builds the same bytes.
 */
public final class ModelZoo {

    /** Seed of every zoo model's weights. */
    public static final long SEED = 0x5EED_ED6E_5917L;

    /** A zoo model: name, one-line description and whether it is a small test model. */
    public record Entry(String name, String description, boolean testModel) {}

    private record Definition(Entry entry, BiFunction<String, Long, ModelProto> builder) {}

    private static final Map<String, Definition> MODELS = new LinkedHashMap<>();

    static {
        define(
                "alexnet",
                "AlexNet: 5 conv + 3 fc, chain (torchvision topology)",
                false,
                AlexNet::build);
        define(
                "vgg16",
                "VGG-16: 13 conv + 3 fc, chain, 138M params (torchvision topology)",
                false,
                Vgg16::build);
        define(
                "resnet18",
                "ResNet-18: residual basic blocks (torchvision topology)",
                false,
                ResNet18::build);
        define(
                "mobilenetv2",
                "MobileNetV2: inverted residuals, depthwise conv, ReLU6 (torchvision topology)",
                false,
                MobileNetV2::build);
        define(
                "densenet121",
                "DenseNet-121: dense blocks, every layer reads all earlier ones (torchvision"
                        + " topology)",
                false,
                DenseNet::densenet121);
        define(
                "tiny-chain",
                "test model: small conv chain, 32x32 input, 10 classes",
                true,
                TinyModels::chain);
        define(
                "tiny-residual",
                "test model: small residual net, 32x32 input, 10 classes",
                true,
                TinyModels::residual);
        define(
                "tiny-densenet",
                "test model: the DenseNet-121 graph with growth 4, 32x32 input, 10 classes",
                true,
                DenseNet::tiny);
        define(
                "tiny-branches",
                "test model: two branches whose best split is a DAG cut, not a prefix, 32x32"
                        + " input, 10 classes",
                true,
                TinyModels::branches);
    }

    private ModelZoo() {}

    private static void define(
            String name,
            String description,
            boolean testModel,
            BiFunction<String, Long, ModelProto> builder) {
        MODELS.put(name, new Definition(new Entry(name, description, testModel), builder));
    }

    /** Names of the built-in models, real networks first. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** The built-in models with their descriptions. */
    public static List<Entry> entries() {
        return MODELS.values().stream().map(Definition::entry).toList();
    }

    /** Whether {@code name} (case-insensitive) is a built-in model. */
    public static boolean contains(String name) {
        return name != null && MODELS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Builds a model by name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names if {@code name} is unknown
     */
    public static OnnxModel build(String name) {
        Definition def = name == null ? null : MODELS.get(name.toLowerCase(Locale.ROOT));
        if (def == null) {
            throw new IllegalArgumentException(
                    "unknown model '"
                            + name
                            + "': built-in models are "
                            + String.join(", ", names()));
        }
        String canonical = def.entry().name();
        return OnnxModel.of(def.builder().apply(canonical, SEED), canonical);
    }
}
