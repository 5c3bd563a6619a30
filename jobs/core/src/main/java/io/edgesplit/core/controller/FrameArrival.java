package io.edgesplit.core.controller;

import io.edgesplit.core.model.ModelProfile;

/**
 * A frame to decide, or one the caller already found unusable.
 *
 * @param deviceId the device's key
 * @param frameId per-device frame sequence number
 * @param captureTime capture time, epoch ms (the event time)
 * @param profile the frame's model profile; null only when {@code rejection} is set
 * @param rejection why the frame cannot be processed (unknown model, bad tensors), or null: a
 *     rejected frame is not decided but still counts as seen, so a redelivered copy is a duplicate
 */
public record FrameArrival(
        String deviceId, long frameId, long captureTime, ModelProfile profile, String rejection)
        implements DeviceInput {

    public FrameArrival {
        if (profile == null && rejection == null) {
            throw new IllegalArgumentException(
                    "frame " + frameId + " of '" + deviceId + "': give a profile or a rejection");
        }
    }

    /** A frame of a known model with valid tensors. */
    public static FrameArrival of(
            String deviceId, long frameId, long captureTime, ModelProfile profile) {
        return new FrameArrival(deviceId, frameId, captureTime, profile, null);
    }

    /** A frame that fails with {@code reason} without a decision. */
    public static FrameArrival rejected(
            String deviceId, long frameId, long captureTime, String reason) {
        return new FrameArrival(deviceId, frameId, captureTime, null, reason);
    }

    @Override
    public long eventTime() {
        return captureTime;
    }
}
