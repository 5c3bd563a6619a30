package io.edgesplit.job.mapping;

import io.edgesplit.avro.Decision;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.Tensor;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.Measurement;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where Avro wire types and the job's records meet. Conversions from Avro validate
 * what the schema cannot express (a negative bandwidth, a tensor whose bytes do not fit its shape)
 * and throw {@link IllegalArgumentException} with a one-line reason; the Kafka deserializer turns
 * that into a dead letter.
 */
public final class AvroMapping {

    private AvroMapping() {}

    // ---- inbound -------------------------------------------------------------------------

    /**
     * Validated telemetry.
     *
     * @param deviceTypes device profiles the job knows; telemetry naming another one is rejected
     */
    public static Telemetry telemetry(DeviceTelemetry a, Set<String> deviceTypes) {
        String device = deviceId(a.getDeviceId(), "telemetry");
        double bps = a.getUplinkBps();
        if (!Double.isFinite(bps) || bps < 0) {
            throw new IllegalArgumentException(
                    "telemetry of device '"
                            + device
                            + "' has uplink throughput "
                            + bps
                            + " bit/s: it must be a finite number >= 0");
        }
        if (a.getDeviceType() == null || a.getDeviceType().isBlank()) {
            throw new IllegalArgumentException(
                    "telemetry of device '" + device + "' has no device type");
        }
        if (!deviceTypes.contains(a.getDeviceType())) {
            throw new IllegalArgumentException(
                    "telemetry of device '"
                            + device
                            + "' names unknown device type '"
                            + a.getDeviceType()
                            + "': the job knows "
                            + String.join(", ", new java.util.TreeSet<>(deviceTypes)));
        }
        nonNegative(device, "rttMs", a.getRttMs());
        nonNegative(device, "batteryJ", a.getBatteryJ());
        nonNegative(device, "powerW", a.getPowerW());
        if (a.getGpuClockHz() != null && a.getGpuClockHz() <= 0) {
            throw new IllegalArgumentException(
                    "telemetry of device '"
                            + device
                            + "' has GPU clock "
                            + a.getGpuClockHz()
                            + " Hz: it must be > 0");
        }
        return new Telemetry(
                device,
                a.getEventTime().toEpochMilli(),
                a.getDeviceType(),
                bps,
                a.getRttMs(),
                a.getBatteryJ(),
                a.getGpuClockHz(),
                a.getPowerW());
    }

    private static void nonNegative(String device, String field, Double v) {
        if (v != null && (!Double.isFinite(v) || v < 0)) {
            throw new IllegalArgumentException(
                    "telemetry of device '"
                            + device
                            + "' has "
                            + field
                            + " = "
                            + v
                            + ": it must be a finite number >= 0");
        }
    }

    public static FrameIn frame(Frame a) {
        String device = deviceId(a.getDeviceId(), "frame");
        String where = "frame " + a.getFrameId() + " of device '" + device + "'";
        if (a.getFrameId() < 0) {
            throw new IllegalArgumentException(where + " has a negative frame id");
        }
        if (a.getModelId() == null || a.getModelId().isBlank()) {
            throw new IllegalArgumentException(where + " names no model");
        }
        if (a.getCut() < 0) {
            throw new IllegalArgumentException(where + " has negative cut " + a.getCut());
        }
        List<Tensor> tensors = a.getTensors();
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(where + " carries no tensor");
        }
        TensorPayload[] out = new TensorPayload[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tensor(tensors.get(i), where);
        }
        return new FrameIn(
                device,
                a.getFrameId(),
                a.getCaptureTime().toEpochMilli(),
                a.getModelId(),
                a.getCut(),
                out);
    }

    private static TensorPayload tensor(Tensor t, String where) {
        ElementType type = ElementType.valueOf(t.getElementType().name());
        long[] shape = new long[t.getShape().size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getShape().get(i);
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(
                        where
                                + ": tensor '"
                                + t.getName()
                                + "' has shape "
                                + t.getShape()
                                + " with a dimension <= 0");
            }
            elements = Math.multiplyExact(elements, shape[i]);
        }
        byte[] data = bytes(t.getData());
        long expected = Math.multiplyExact(elements, type.bytes());
        if (data.length != expected) {
            throw new IllegalArgumentException(
                    where
                            + ": tensor '"
                            + t.getName()
                            + "' of shape "
                            + Arrays.toString(shape)
                            + " "
                            + type
                            + " needs "
                            + expected
                            + " bytes, the record carries "
                            + data.length);
        }
        return new TensorPayload(t.getName(), type, shape, data);
    }

    public static ProfileUpdate profile(io.edgesplit.avro.ModelProfile a) {
        ModelProfile p = modelProfile(a);
        return new ProfileUpdate(p.modelId(), ModelProfileJson.toJson(p));
    }

    public static ModelProfile modelProfile(io.edgesplit.avro.ModelProfile a) {
        List<CutProfile> cuts = new ArrayList<>(a.getCuts().size());
        for (io.edgesplit.avro.CutProfile c : a.getCuts()) {
            List<TensorSpec> ts = new ArrayList<>();
            for (io.edgesplit.avro.TensorSpec t : c.getTensors()) {
                ts.add(spec(t));
            }
            Map<String, Double> device = new HashMap<>(c.getDeviceHeadMs());
            cuts.add(
                    new CutProfile(
                            c.getIndex(),
                            c.getLabel(),
                            ts,
                            c.getBytesFp32(),
                            c.getBytesFp16(),
                            c.getHeadMacs(),
                            c.getTailMacs(),
                            nan(c.getHeadMs()),
                            nan(c.getTailMs()),
                            device,
                            c.getGeneral()));
        }
        io.edgesplit.avro.Measurement m = a.getMeasuredOn();
        Measurement measured =
                m == null
                        ? null
                        : new Measurement(
                                m.getHost(),
                                m.getProvider(),
                                m.getThreads(),
                                m.getWarmup(),
                                m.getRuns());
        return new ModelProfile(
                a.getModelId(),
                spec(a.getInput()),
                spec(a.getOutput()),
                a.getTotalMacs(),
                measured,
                cuts);
    }

    private static TensorSpec spec(io.edgesplit.avro.TensorSpec t) {
        long[] shape = t.getShape().stream().mapToLong(Long::longValue).toArray();
        return new TensorSpec(t.getName(), ElementType.valueOf(t.getElementType().name()), shape);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String deviceId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " without a device id");
        }
        return id;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    // ---- outbound ------------------------------------------------------------------------

    /** An {@code InferenceResult} with the frame, its outcome and the policy set; timings next. */
    static InferenceResult.Builder outcome(
            String deviceId,
            long frameId,
            String modelId,
            int cut,
            long captureTime,
            ResultStatus status,
            String reason,
            Integer top1,
            Float score,
            String policy) {
        return InferenceResult.newBuilder()
                .setDeviceId(deviceId)
                .setFrameId(frameId)
                .setModelId(modelId)
                .setCut(cut)
                .setCaptureTime(Instant.ofEpochMilli(captureTime))
                .setStatus(io.edgesplit.avro.ResultStatus.valueOf(status.name()))
                .setReason(reason)
                .setTop1(top1)
                .setScore(score)
                .setPolicy(policy);
    }

    public static InferenceResult result(ResultRecord r) {
        return outcome(
                        r.deviceId(),
                        r.frameId(),
                        r.modelId(),
                        r.cut(),
                        r.captureTime(),
                        r.status(),
                        r.reason(),
                        r.top1(),
                        r.score(),
                        r.policy())
                .setQueueWaitMs(r.queueWaitMs())
                .setHeadMs(r.headMs())
                .setTransferMs(r.transferMs())
                .setTailMs(r.tailMs())
                .setEndToEndMs(r.endToEndMs())
                .setEnergyJ(r.energyJ())
                .setBatchSize(r.batchSize())
                .setExecutionProvider(r.executionProvider())
                .build();
    }

    public static Decision decision(DecisionRecord d) {
        return Decision.newBuilder()
                .setDeviceId(d.deviceId())
                .setFrameId(d.frameId())
                .setEventTime(Instant.ofEpochMilli(d.eventTime()))
                .setPolicy(d.policy())
                .setCut(d.cut())
                .setGpuClockHz(d.gpuClockHz())
                .setUplinkBps(d.uplinkBps())
                .setAdmitted(d.admitted())
                .setPredictedHeadMs(d.predictedHeadMs())
                .setPredictedTransferMs(d.predictedTransferMs())
                .setPredictedTailMs(d.predictedTailMs())
                .setPredictedQueueWaitMs(d.predictedQueueWaitMs())
                .setComputeEnergyJ(d.computeEnergyJ())
                .setRadioEnergyJ(d.radioEnergyJ())
                .setComputeBacklogS(d.computeBacklogS())
                .setUplinkBacklogBits(d.uplinkBacklogBits())
                .setPowerQueue(d.powerQueue())
                .setComputeDelayQueue(d.computeDelayQueue())
                .setUplinkDelayQueue(d.uplinkDelayQueue())
                .build();
    }

    /** The Avro form of a frame (used by the demo's generator, replay tools and tests). */
    public static Frame frame(FrameIn f) {
        List<Tensor> tensors = new ArrayList<>(f.tensors().length);
        for (TensorPayload t : f.tensors()) {
            List<Long> shape = new ArrayList<>(t.shape().length);
            for (long d : t.shape()) {
                shape.add(d);
            }
            tensors.add(
                    Tensor.newBuilder()
                            .setName(t.name())
                            .setElementType(
                                    io.edgesplit.avro.ElementType.valueOf(t.elementType().name()))
                            .setShape(shape)
                            .setData(ByteBuffer.wrap(t.data()))
                            .build());
        }
        return Frame.newBuilder()
                .setDeviceId(f.deviceId())
                .setFrameId(f.frameId())
                .setCaptureTime(Instant.ofEpochMilli(f.captureTime()))
                .setModelId(f.modelId())
                .setCut(f.cut())
                .setTensors(tensors)
                .build();
    }

    /** The Avro form of telemetry. */
    public static DeviceTelemetry telemetry(Telemetry t) {
        return DeviceTelemetry.newBuilder()
                .setDeviceId(t.deviceId())
                .setEventTime(Instant.ofEpochMilli(t.eventTime()))
                .setDeviceType(t.deviceType())
                .setUplinkBps(t.uplinkBps())
                .setRttMs(t.rttMs())
                .setBatteryJ(t.batteryJ())
                .setGpuClockHz(t.gpuClockHz())
                .setPowerW(t.powerW())
                .build();
    }

    /** The Avro form of a core model profile (for publishing on the profiles topic). */
    public static io.edgesplit.avro.ModelProfile modelProfile(ModelProfile p) {
        List<io.edgesplit.avro.CutProfile> cuts = new ArrayList<>();
        for (CutProfile c : p.cuts()) {
            List<io.edgesplit.avro.TensorSpec> ts = new ArrayList<>();
            for (TensorSpec t : c.tensors()) {
                ts.add(spec(t));
            }
            cuts.add(
                    io.edgesplit.avro.CutProfile.newBuilder()
                            .setIndex(c.index())
                            .setLabel(c.label())
                            .setTensors(ts)
                            .setBytesFp32(c.bytesFp32())
                            .setBytesFp16(c.bytesFp16())
                            .setHeadMacs(c.headMacs())
                            .setTailMacs(c.tailMacs())
                            .setHeadMs(Double.isNaN(c.headMs()) ? null : c.headMs())
                            .setTailMs(Double.isNaN(c.tailMs()) ? null : c.tailMs())
                            .setDeviceHeadMs(new HashMap<>(c.deviceHeadMs()))
                            .setGeneral(c.general())
                            .build());
        }
        Measurement m = p.measuredOn();
        return io.edgesplit.avro.ModelProfile.newBuilder()
                .setModelId(p.modelId())
                .setInput(spec(p.input()))
                .setOutput(spec(p.output()))
                .setTotalMacs(p.totalMacs())
                .setMeasuredOn(
                        m == null
                                ? null
                                : io.edgesplit.avro.Measurement.newBuilder()
                                        .setHost(m.host())
                                        .setProvider(m.provider())
                                        .setThreads(m.threads())
                                        .setWarmup(m.warmup())
                                        .setRuns(m.runs())
                                        .build())
                .setCuts(cuts)
                .build();
    }

    private static io.edgesplit.avro.TensorSpec spec(TensorSpec t) {
        List<Long> shape = new ArrayList<>();
        for (long d : t.shape()) {
            shape.add(d);
        }
        return io.edgesplit.avro.TensorSpec.newBuilder()
                .setName(t.name())
                .setElementType(io.edgesplit.avro.ElementType.valueOf(t.elementType().name()))
                .setShape(shape)
                .build();
    }
}
