package io.edgesplit.onnx.runtime;

/** Turns ONNX Runtime's multi-line error messages into one line for users. */
public final class OrtErrors {

    private OrtErrors() {}

    /** The first non-blank line of a message, or "(no message)". */
    public static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
    }
}
