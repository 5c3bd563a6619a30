package io.edgesplit.job.workload;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a scenario, due at {@code offsetMs} after the scenario start.
 *
 * @param offsetMs time since the scenario start
 * @param kind telemetry or frame
 * @param deviceId the record's key
 * @param record the Avro record (its event time already set)
 */
public record ScenarioEvent(long offsetMs, Kind kind, String deviceId, SpecificRecord record) {

    /** Which topic the event belongs to. */
    public enum Kind {
        TELEMETRY,
        FRAME
    }
}
