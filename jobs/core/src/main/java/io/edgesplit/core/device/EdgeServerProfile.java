package io.edgesplit.core.device;

/**
 * The edge server that runs the tails. Its speed is used only when a model profile has no measured
 * tail latency ({@link EdgeServerProfiles} loads these from YAML).
 *
 * @param name e.g. "edge-gpu"
 * @param description free text
 * @param macsPerSecond effective multiply-accumulates per second for a batch-1 tail
 */
public record EdgeServerProfile(String name, String description, double macsPerSecond)
        implements java.io.Serializable {

    public EdgeServerProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        description = description == null ? "" : description;
        if (!(macsPerSecond > 0) || Double.isInfinite(macsPerSecond)) {
            throw new IllegalArgumentException(
                    "macsPerSecond must be a finite number > 0, got " + macsPerSecond);
        }
    }
}
