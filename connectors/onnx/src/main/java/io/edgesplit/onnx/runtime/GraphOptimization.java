package io.edgesplit.onnx.runtime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Arrays;
import java.util.Locale;

/** ONNX Runtime graph optimization level of a session. */
public enum GraphOptimization {
    /** No graph rewrites. */
    NONE(OptLevel.NO_OPT),
    /** Constant folding and redundant-node removal. */
    BASIC(OptLevel.BASIC_OPT),
    /** Basic plus node fusions (e.g. Conv+Add+Relu). */
    EXTENDED(OptLevel.EXTENDED_OPT),
    /** Everything, including layout optimizations (ONNX Runtime's default). */
    ALL(OptLevel.ALL_OPT);

    private final OptLevel level;

    GraphOptimization(OptLevel level) {
        this.level = level;
    }

    /** The ONNX Runtime level. */
    public OptLevel ortLevel() {
        return level;
    }

    /** Parses "none", "basic", "extended" or "all" (any case), failing with the accepted values. */
    public static GraphOptimization parse(String text) {
        if (text != null) {
            for (GraphOptimization g : values()) {
                if (g.name().equalsIgnoreCase(text.trim())) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown graph optimization level '"
                        + text
                        + "': use one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
