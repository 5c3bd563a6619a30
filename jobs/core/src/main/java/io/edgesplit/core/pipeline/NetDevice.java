package io.edgesplit.core.pipeline;

import io.edgesplit.core.device.DeviceProfile;
import java.util.Objects;

/**
 * One device of a {@link DeviceNetwork}.
 *
 * @param id unique name in the network, e.g. "nano-1"
 * @param profile its device profile (speed from {@code gpu.macsPerSecondAtMax})
 * @param memoryBytes memory available for a stage's weights and activations
 */
public record NetDevice(String id, DeviceProfile profile, long memoryBytes) {

    public NetDevice {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a device needs a non-blank id");
        }
        Objects.requireNonNull(profile, "profile");
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException(
                    "device " + id + ": memory must be > 0 bytes, got " + memoryBytes);
        }
    }

    /** Effective multiply-accumulates per second at the maximum GPU clock. */
    public double macsPerSecond() {
        return profile.gpu().macsPerSecondAtMax();
    }
}
