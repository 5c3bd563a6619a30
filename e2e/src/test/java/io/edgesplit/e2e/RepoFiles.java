package io.edgesplit.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of this repository from tests (Maven passes the root as a system property). */
final class RepoFiles {

    /** System property with the repository root; the e2e pom sets it for surefire and failsafe. */
    static final String ROOT_PROPERTY = "edgesplit.repo.root";

    private RepoFiles() {}

    /** The repository root. */
    static Path root() {
        String root = System.getProperty(ROOT_PROPERTY);
        Path path = root != null ? Path.of(root) : Path.of("..");
        Path normalized = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(normalized.resolve("e2e/pom.xml"))) {
            throw new IllegalStateException(
                    normalized
                            + " is not the repository root: set -D"
                            + ROOT_PROPERTY
                            + "=<repo> or run from the e2e module");
        }
        return normalized;
    }

    /** A path below the repository root. */
    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
