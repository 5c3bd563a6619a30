package io.edgesplit.schemas;

import io.edgesplit.avro.CutProfile;
import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.Decision;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.avro.Measurement;
import io.edgesplit.avro.ModelProfile;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.avro.Tensor;
import io.edgesplit.avro.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every message type, all optional fields set. */
final class Samples {

    static final String DEVICE = "jetson-tx2-01";
    static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    private Samples() {}

    static DeviceTelemetry telemetry() {
        return DeviceTelemetry.newBuilder()
                .setDeviceId(DEVICE)
                .setEventTime(T0)
                .setDeviceType("jetson-tx2")
                .setUplinkBps(8.5e6)
                .setRttMs(23.5)
                .setBatteryJ(41_000.0)
                .setGpuClockHz(1_300_500_000L)
                .setPowerW(7.25)
                .build();
    }

    static Tensor tensor(String name, float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        data.flip();
        return Tensor.newBuilder()
                .setName(name)
                .setElementType(ElementType.FLOAT)
                .setShape(List.of(1L, (long) values.length))
                .setData(data)
                .build();
    }

    static Frame frame() {
        return Frame.newBuilder()
                .setDeviceId(DEVICE)
                .setFrameId(42L)
                .setCaptureTime(T0)
                .setModelId("resnet18")
                .setCut(3)
                .setTensors(List.of(tensor("layer1_out", 1f, -2f, 3.5f), tensor("skip", 0.25f)))
                .build();
    }

    static Decision decision() {
        return Decision.newBuilder()
                .setDeviceId(DEVICE)
                .setFrameId(42L)
                .setEventTime(T0)
                .setPolicy("cutedge")
                .setCut(3)
                .setGpuClockHz(854_250_000L)
                .setUplinkBps(4e6)
                .setAdmitted(1)
                .setPredictedHeadMs(12.5)
                .setPredictedTransferMs(40.1)
                .setPredictedTailMs(9.0)
                .setPredictedQueueWaitMs(3.0)
                .setComputeEnergyJ(0.08)
                .setRadioEnergyJ(0.05)
                .setComputeBacklogS(0.01)
                .setUplinkBacklogBits(1.2e6)
                .setPowerQueue(0.5)
                .setComputeDelayQueue(0.1)
                .setUplinkDelayQueue(0.2)
                .build();
    }

    static InferenceResult result() {
        return InferenceResult.newBuilder()
                .setDeviceId(DEVICE)
                .setFrameId(42L)
                .setModelId("resnet18")
                .setCut(3)
                .setCaptureTime(T0)
                .setStatus(ResultStatus.OK)
                .setReason(null)
                .setTop1(281)
                .setScore(0.93f)
                .setPolicy("cutedge")
                .setQueueWaitMs(1.5)
                .setHeadMs(12.0)
                .setTransferMs(38.0)
                .setTailMs(9.5)
                .setEndToEndMs(61.0)
                .setEnergyJ(0.13)
                .setBatchSize(4)
                .setExecutionProvider("cpu")
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic("edgesplit.frames")
                .setPartition(2)
                .setOffset(1234L)
                .setKey(ByteBuffer.wrap(DEVICE.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setReason("not Avro single-object encoded (bad marker 0x7b22)")
                .setRaw(ByteBuffer.wrap(new byte[] {'{', '"', 'x'}))
                .setTimestamp(T0)
                .build();
    }

    static TensorSpec spec(String name, long... shape) {
        return TensorSpec.newBuilder()
                .setName(name)
                .setElementType(ElementType.FLOAT)
                .setShape(java.util.Arrays.stream(shape).boxed().toList())
                .build();
    }

    static ModelProfile profile() {
        CutProfile input =
                CutProfile.newBuilder()
                        .setIndex(0)
                        .setLabel("input")
                        .setTensors(List.of(spec("input", 1, 3, 224, 224)))
                        .setBytesFp32(602_112L)
                        .setBytesFp16(301_056L)
                        .setHeadMacs(0L)
                        .setTailMacs(1_814_000_000L)
                        .setHeadMs(0.0)
                        .setTailMs(40.0)
                        .setDeviceHeadMs(Map.of())
                        .build();
        CutProfile output =
                CutProfile.newBuilder()
                        .setIndex(1)
                        .setLabel("output")
                        .setTensors(List.of(spec("logits", 1, 1000)))
                        .setBytesFp32(4_000L)
                        .setBytesFp16(2_000L)
                        .setHeadMacs(1_814_000_000L)
                        .setTailMacs(0L)
                        .setHeadMs(null)
                        .setTailMs(null)
                        .setDeviceHeadMs(Map.of("jetson-tx2@1300500000", 55.0))
                        .build();
        return ModelProfile.newBuilder()
                .setModelId("resnet18")
                .setInput(spec("input", 1, 3, 224, 224))
                .setOutput(spec("logits", 1, 1000))
                .setTotalMacs(1_814_000_000L)
                .setMeasuredOn(
                        Measurement.newBuilder()
                                .setHost("ci")
                                .setProvider("cpu")
                                .setThreads(1)
                                .setWarmup(3)
                                .setRuns(10)
                                .build())
                .setCuts(List.of(input, output))
                .build();
    }

    /** One sample per message type, in {@link AvroSchemas#MESSAGE_TYPES} order. */
    static List<SpecificRecord> all() {
        return List.of(telemetry(), frame(), decision(), result(), deadLetter(), profile());
    }
}
