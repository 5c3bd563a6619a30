package io.edgesplit.job.mapping;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.job.pipeline.PipelineResult;

/**
 * The pipeline job's results on the wire: an {@code InferenceResult} whose timings are the emulated
 * ones (queue wait, device compute as head time, links as transfer time, end to end), with the
 * plan's predicted times and the measured host time in the fields added for pipelines. The cut is 0
 * (frames enter raw), the batch size 1, the tail time 0 (no edge server).
 */
public final class PipelineMapping {

    private PipelineMapping() {}

    public static InferenceResult result(PipelineResult r) {
        return AvroMapping.outcome(
                        r.deviceId(),
                        r.frameId(),
                        r.modelId(),
                        0,
                        r.captureTime(),
                        r.status(),
                        r.reason(),
                        r.top1(),
                        r.score(),
                        r.policy())
                .setQueueWaitMs(r.waitMs())
                .setHeadMs(r.computeMs())
                .setTransferMs(r.linkMs())
                .setTailMs(0)
                .setEndToEndMs(r.endToEndMs())
                .setEnergyJ(0)
                .setBatchSize(1)
                .setExecutionProvider("cpu")
                .setPipelineStages(r.stages())
                .setPredictedMs(r.predictedMs())
                .setPredictedPeriodMs(r.predictedPeriodMs())
                .setHostMs(r.hostMs())
                .build();
    }
}
