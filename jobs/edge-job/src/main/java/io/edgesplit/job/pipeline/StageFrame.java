package io.edgesplit.job.pipeline;

import io.edgesplit.job.events.TensorPayload;

/**
 * A frame on its way through the pipeline job's stages: the tensors the next stage takes and the
 * emulated time so far.
 *
 * @param deviceId camera (the key)
 * @param frameId per-camera sequence number
 * @param modelId model
 * @param captureTime capture time, epoch ms
 * @param tensors what the next stage reads (the raw input before stage 1, the output after the
 *     last)
 * @param readyMs emulated time at which the previous stage finished it, ms after the capture time
 *     (relative, so that fractions of a millisecond are not lost to epoch-sized doubles)
 * @param waitMs emulated time spent waiting for busy stages
 * @param computeMs emulated compute time so far (from the devices' profiles)
 * @param linkMs emulated transfer time so far (from the links)
 * @param hostMs measured ONNX Runtime time of the stages run so far, on this host
 */
public record StageFrame(
        String deviceId,
        long frameId,
        String modelId,
        long captureTime,
        TensorPayload[] tensors,
        double readyMs,
        double waitMs,
        double computeMs,
        double linkMs,
        double hostMs) {

    /** A frame as it enters the pipeline: ready at its capture time, nothing charged. */
    public static StageFrame enter(
            String deviceId,
            long frameId,
            String modelId,
            long captureTime,
            TensorPayload[] tensors) {
        return new StageFrame(deviceId, frameId, modelId, captureTime, tensors, 0, 0, 0, 0, 0);
    }

    /** This frame after a stage: its new tensors and the stage's emulated and measured times. */
    public StageFrame after(
            TensorPayload[] out,
            StageClock.Slot slot,
            double stageComputeMs,
            double stageLinkMs,
            double stageHostMs) {
        return new StageFrame(
                deviceId,
                frameId,
                modelId,
                captureTime,
                out,
                slot.endMs(),
                waitMs + slot.waitMs(),
                computeMs + stageComputeMs,
                linkMs + stageLinkMs,
                hostMs + stageHostMs);
    }
}
