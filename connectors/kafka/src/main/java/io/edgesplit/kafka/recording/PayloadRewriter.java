package io.edgesplit.kafka.recording;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.schemas.AvroCodec;
import io.edgesplit.schemas.AvroDecodeException;
import io.edgesplit.schemas.AvroSchemas;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the event time inside edgesplit input payloads for {@code replay --rewrite-payloads}: a
 * {@link Frame}'s {@code captureTime} and a {@link DeviceTelemetry}'s {@code eventTime} by a delta,
 * and a frame's {@code frameId} by an offset (so a looped replay sends new frame ids). Other values
 * pass unchanged. A rewritten value is re-encoded with the current schema, so a record written with
 * an older schema version changes its fingerprint. Values that do not decode are sent unchanged and
 * counted. Not thread-safe.
 */
final class PayloadRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadRewriter.class);

    private static final AvroCodec<Frame> FRAMES = AvroCodec.of(Frame.class);
    private static final AvroCodec<DeviceTelemetry> TELEMETRY = AvroCodec.of(DeviceTelemetry.class);
    private static final String FRAME = Frame.class.getSimpleName();
    private static final String DEVICE_TELEMETRY = DeviceTelemetry.class.getSimpleName();

    private long rewritten;
    private long undecodable;
    private long maxFrameId = -1;

    /** Values rewritten so far. */
    long rewritten() {
        return rewritten;
    }

    /** Frame or telemetry values that did not decode and were sent unchanged. */
    long undecodable() {
        return undecodable;
    }

    /** The largest frame id seen so far (before any offset), -1 if none. */
    long maxFrameId() {
        return maxFrameId;
    }

    /**
     * The value with its event time moved by {@code deltaMs} and, for a frame, its id moved by
     * {@code frameIdOffset}; the same array if it is not a frame or telemetry value.
     */
    byte[] rewrite(byte[] value, long deltaMs, long frameIdOffset) {
        Optional<String> type = typeOf(value);
        if (type.isEmpty()) {
            return value;
        }
        try {
            if (type.get().equals(FRAME)) {
                Frame f = FRAMES.decode(value);
                maxFrameId = Math.max(maxFrameId, f.getFrameId());
                if (deltaMs == 0 && frameIdOffset == 0) {
                    return value;
                }
                f.setCaptureTime(plus(f.getCaptureTime(), deltaMs));
                f.setFrameId(f.getFrameId() + frameIdOffset);
                rewritten++;
                return FRAMES.encode(f);
            }
            if (type.get().equals(DEVICE_TELEMETRY)) {
                if (deltaMs == 0) {
                    return value;
                }
                DeviceTelemetry t = TELEMETRY.decode(value);
                t.setEventTime(plus(t.getEventTime(), deltaMs));
                rewritten++;
                return TELEMETRY.encode(t);
            }
        } catch (AvroDecodeException e) {
            // sent as recorded (the job dead-letters it) and counted in the replay summary
            undecodable++;
            LOG.debug("{} value not rewritten: {}", type.get(), e.getMessage());
        }
        return value;
    }

    private static Optional<String> typeOf(byte[] value) {
        return TraceWriter.singleObjectEncoded(value)
                ? AvroSchemas.typeOf(AvroCodec.fingerprint(value))
                : Optional.empty();
    }

    private static Instant plus(Instant t, long deltaMs) {
        return Instant.ofEpochMilli(t.toEpochMilli() + deltaMs);
    }
}
