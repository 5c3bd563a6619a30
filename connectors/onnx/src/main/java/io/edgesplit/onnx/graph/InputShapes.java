package io.edgesplit.onnx.graph;

import java.util.Arrays;

/** Parses the {@code --input-shape} option ("1,3,224,224"). */
public final class InputShapes {

    private InputShapes() {}

    /** Parses comma- or 'x'-separated positive dimensions, failing with one line. */
    public static long[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "empty input shape: pass dimensions like --input-shape 1,3,224,224");
        }
        String[] parts = text.trim().split("\\s*[,xX]\\s*");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                dims[i] = -1;
            }
            if (dims[i] <= 0) {
                throw new IllegalArgumentException(
                        "invalid input shape '"
                                + text
                                + "': dimension '"
                                + parts[i]
                                + "' is not a positive integer (example: 1,3,224,224)");
            }
        }
        return dims;
    }

    /** "1,3,224,224". */
    public static String format(long[] dims) {
        return Arrays.stream(dims)
                .mapToObj(Long::toString)
                .reduce((a, b) -> a + "," + b)
                .orElse("");
    }
}
