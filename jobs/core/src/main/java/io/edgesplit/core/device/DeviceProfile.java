package io.edgesplit.core.device;

import java.util.List;
import java.util.Objects;

/**
 * Everything the controller and simulator need to know about one device type. Built-in profiles and
 * user files are YAML ({@link DeviceProfiles}); the {@code name} is the device type used in
 * telemetry and in {@code CutProfile.deviceHeadMs} keys.
 *
 * @param name device type, e.g. "jetson-tx2"
 * @param description free text: board, power mode, where the numbers come from
 * @param gpu GPU clock table, power and speed
 * @param radio uplink radio power model
 * @param uplinkRatesBps discrete uplink rates the radio can be told to use (ascending, bit/s);
 *     empty means "any fraction of the measured capacity" (the controller's rate levels)
 */
public record DeviceProfile(
        String name,
        String description,
        GpuModel gpu,
        RadioModel radio,
        List<Double> uplinkRatesBps)
        implements java.io.Serializable {

    public DeviceProfile {
        if (name == null || name.isBlank() || !name.equals(name.trim()) || name.contains("@")) {
            throw new IllegalArgumentException(
                    "name must be a non-empty device type without blanks around it or '@', got '"
                            + name
                            + "'");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(radio, "radio");
        uplinkRatesBps = List.copyOf(uplinkRatesBps);
        for (int i = 0; i < uplinkRatesBps.size(); i++) {
            double r = uplinkRatesBps.get(i);
            if (!(r > 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException(
                        "uplinkRatesBps[" + i + "] must be a finite number > 0, got " + r);
            }
            if (i > 0 && r <= uplinkRatesBps.get(i - 1)) {
                throw new IllegalArgumentException(
                        "uplinkRatesBps must be strictly ascending, got "
                                + r
                                + " after "
                                + uplinkRatesBps.get(i - 1));
            }
        }
    }

    /** The maximum GPU clock (Hz). */
    public long maxClockHz() {
        return gpu.maxClockHz();
    }

    /** A copy with another name (e.g. to run the same board under two radios). */
    public DeviceProfile withName(String newName) {
        return new DeviceProfile(newName, description, gpu, radio, uplinkRatesBps);
    }

    /** A copy with another radio model. */
    public DeviceProfile withRadio(RadioModel newRadio) {
        return new DeviceProfile(name, description, gpu, newRadio, uplinkRatesBps);
    }
}
