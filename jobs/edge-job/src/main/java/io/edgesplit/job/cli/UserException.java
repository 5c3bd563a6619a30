package io.edgesplit.job.cli;

/**
 * A failure caused by the user's input or environment, reported as one line without a stack trace.
 */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
