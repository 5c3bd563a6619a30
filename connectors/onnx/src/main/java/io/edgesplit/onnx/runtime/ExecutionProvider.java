package io.edgesplit.onnx.runtime;

import java.util.Arrays;
import java.util.Locale;

/** Where ONNX Runtime executes a model. */
public enum ExecutionProvider {
    /** ONNX Runtime's CPU kernels. */
    CPU,
    /**
     * NVIDIA CUDA (needs the {@code onnxruntime_gpu} build, CUDA 12 and cuDNN 9); fails if absent.
     */
    CUDA,
    /** CUDA where available, otherwise CPU with one warning. */
    AUTO;

    /** Parses "cpu", "cuda" or "auto" (any case), failing with the accepted values. */
    public static ExecutionProvider parse(String text) {
        if (text != null) {
            for (ExecutionProvider p : values()) {
                if (p.name().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown execution provider '"
                        + text
                        + "': use one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
