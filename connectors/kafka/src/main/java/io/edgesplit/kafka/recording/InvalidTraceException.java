package io.edgesplit.kafka.recording;

import java.nio.file.Path;

/**
 * A trace directory, its manifest or one of its files is missing, corrupt or inconsistent. The
 * message is one line: {@code <file>: <problem>}. An {@link IllegalArgumentException}, so the
 * command line reports it as bad input.
 */
public final class InvalidTraceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public InvalidTraceException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InvalidTraceException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file or directory at fault. */
    public Path file() {
        return file;
    }
}
