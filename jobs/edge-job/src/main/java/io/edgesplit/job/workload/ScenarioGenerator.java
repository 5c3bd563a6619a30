package io.edgesplit.job.workload;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.Tensor;
import io.edgesplit.core.model.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Produces a scenario's records in event-time order, lazily (frames are large). Deterministic: the
 * same spec and start time give the same records. Telemetry runs one second past the last frame so
 * the job's watermark passes every frame.
 */
public final class ScenarioGenerator implements Iterator<ScenarioEvent> {

    /** Distinct random images per scenario; frames cycle through them. */
    private static final int IMAGES = 8;

    /** Telemetry keeps coming this long after the last frame. */
    public static final long TAIL_MS = 1_000;

    private record Tick(long offsetMs, int device, boolean frame, long seq) {}

    private final ScenarioSpec spec;
    private final long startMs;
    private final PriorityQueue<Tick> ticks;
    private final byte[][] images;
    private final long telemetryEndMs;

    public ScenarioGenerator(ScenarioSpec spec, long startEpochMs) {
        this.spec = spec;
        this.startMs = startEpochMs;
        this.telemetryEndMs = spec.durationMs() + TAIL_MS;
        this.ticks =
                new PriorityQueue<>(
                        (a, b) ->
                                a.offsetMs() != b.offsetMs()
                                        ? Long.compare(a.offsetMs(), b.offsetMs())
                                        : a.frame() != b.frame()
                                                ? (a.frame() ? 1 : -1)
                                                : Integer.compare(a.device(), b.device()));
        for (int d = 0; d < spec.devices(); d++) {
            ticks.add(new Tick(0, d, false, 0));
            if (spec.framesPerDevice() > 0) {
                ticks.add(new Tick(frameOffset(d, 0), d, true, 0));
            }
        }
        this.images = images(spec.input(), spec.seed());
    }

    /** Devices start their frame clocks at spread-out phases so frames do not arrive in bursts. */
    private long frameOffset(int device, long seq) {
        double period = 1000.0 / spec.fps();
        double phase = period * device / spec.devices();
        return Math.round(phase + seq * period);
    }

    private long telemetryOffset(long seq) {
        return Math.round(seq * 1000.0 / spec.telemetryHz());
    }

    @Override
    public boolean hasNext() {
        return !ticks.isEmpty();
    }

    @Override
    public ScenarioEvent next() {
        Tick t = ticks.poll();
        if (t == null) {
            throw new NoSuchElementException();
        }
        String deviceId = spec.deviceId(t.device());
        if (t.frame()) {
            if (t.seq() + 1 < spec.framesPerDevice()) {
                ticks.add(
                        new Tick(
                                frameOffset(t.device(), t.seq() + 1),
                                t.device(),
                                true,
                                t.seq() + 1));
            }
            return new ScenarioEvent(
                    t.offsetMs(), ScenarioEvent.Kind.FRAME, deviceId, frame(t, deviceId));
        }
        long nextOffset = telemetryOffset(t.seq() + 1);
        if (nextOffset <= telemetryEndMs) {
            ticks.add(new Tick(nextOffset, t.device(), false, t.seq() + 1));
        }
        return new ScenarioEvent(
                t.offsetMs(), ScenarioEvent.Kind.TELEMETRY, deviceId, telemetry(t, deviceId));
    }

    private DeviceTelemetry telemetry(Tick t, String deviceId) {
        double bps = spec.trace(t.device()).capacityAt(t.offsetMs() / 1e3);
        return DeviceTelemetry.newBuilder()
                .setDeviceId(deviceId)
                .setEventTime(Instant.ofEpochMilli(startMs + t.offsetMs()))
                .setDeviceType(spec.deviceType(t.device()))
                .setUplinkBps(bps)
                .build();
    }

    private Frame frame(Tick t, String deviceId) {
        TensorSpec in = spec.input();
        List<Long> shape = new ArrayList<>();
        for (long d : in.shape()) {
            shape.add(d);
        }
        byte[] image = images[(int) ((t.device() + t.seq()) % images.length)];
        Tensor tensor =
                Tensor.newBuilder()
                        .setName(in.name())
                        .setElementType(ElementType.valueOf(in.elementType().name()))
                        .setShape(shape)
                        .setData(ByteBuffer.wrap(image).asReadOnlyBuffer())
                        .build();
        return Frame.newBuilder()
                .setDeviceId(deviceId)
                .setFrameId(t.seq())
                .setCaptureTime(Instant.ofEpochMilli(startMs + t.offsetMs()))
                .setModelId(spec.modelId())
                .setCut(0)
                .setTensors(List.of(tensor))
                .build();
    }

    /** Random "camera images": standard-normal floats, as after the usual input normalisation. */
    public static byte[][] images(TensorSpec input, long seed) {
        if (input.elementType() != io.edgesplit.core.model.ElementType.FLOAT) {
            throw new IllegalArgumentException(
                    "the scenario generator makes float inputs, model input '"
                            + input.name()
                            + "' is "
                            + input.elementType());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = Math.toIntExact(input.elements());
        byte[][] out = new byte[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                b.putFloat((float) gaussian(rnd));
            }
            out[i] = b.array();
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
