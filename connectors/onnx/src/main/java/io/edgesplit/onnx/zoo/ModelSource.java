package io.edgesplit.onnx.zoo;

import io.edgesplit.onnx.graph.OnnxModel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves a {@code --model FILE|NAME} argument: a built-in model name first, then a file. */
public final class ModelSource {

    private ModelSource() {}

    /**
     * The zoo model named {@code fileOrName}, else the ONNX file at that path.
     *
     * @throws IllegalArgumentException with one line if it is neither (listing the built-in names),
     *     or the file is missing, unreadable, corrupt or unsupported
     */
    public static OnnxModel resolve(String fileOrName) {
        if (fileOrName == null || fileOrName.isBlank()) {
            throw new IllegalArgumentException(
                    "no model given: pass --model with a built-in name ("
                            + String.join(", ", ModelZoo.names())
                            + ") or an .onnx file");
        }
        if (ModelZoo.contains(fileOrName)) {
            return ModelZoo.build(fileOrName);
        }
        Path path;
        try {
            path = Path.of(fileOrName);
        } catch (InvalidPathException e) {
            throw unknown(fileOrName, e);
        }
        if (Files.exists(path) || looksLikePath(fileOrName)) {
            return OnnxModel.load(path);
        }
        throw unknown(fileOrName, null);
    }

    private static boolean looksLikePath(String text) {
        return text.endsWith(".onnx") || text.contains("/") || text.contains("\\");
    }

    private static IllegalArgumentException unknown(String text, Exception cause) {
        return new IllegalArgumentException(
                "unknown model '"
                        + text
                        + "': not a built-in model ("
                        + String.join(", ", ModelZoo.names())
                        + ") and no such file",
                cause);
    }
}
