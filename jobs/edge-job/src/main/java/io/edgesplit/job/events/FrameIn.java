package io.edgesplit.job.events;

/**
 * A camera frame (cut 0, raw model input) or an activation at a cut (cut > 0), after decoding.
 *
 * @param deviceId device key
 * @param frameId per-device sequence number
 * @param captureTime capture time, epoch ms (the event time)
 * @param modelId model the frame is for
 * @param cut cut the tensors belong to; 0 = raw model input
 * @param tensors tensors crossing the cut (one for chain cuts)
 */
public record FrameIn(
        String deviceId,
        long frameId,
        long captureTime,
        String modelId,
        int cut,
        TensorPayload[] tensors) {

    /** Bytes of tensor data the frame carries. */
    public long payloadBytes() {
        long n = 0;
        for (TensorPayload t : tensors) {
            n += t.data().length;
        }
        return n;
    }
}
