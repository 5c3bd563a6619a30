package io.edgesplit.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.schemas.AvroDecodeException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecTest {

    private static final long UNKNOWN_FINGERPRINT = 0x0123456789abcdefL;
    private static final String TELEMETRY_V0 = "avro-test/DeviceTelemetry-v0.avsc";

    static List<SpecificRecord> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    <T extends SpecificRecord> void roundTripsEveryMessageType(T sample) {
        @SuppressWarnings("unchecked")
        AvroCodec<T> codec = AvroCodec.of((Class<T>) sample.getClass());

        byte[] bytes = codec.encode(sample);

        assertThat(bytes[0]).isEqualTo(AvroCodec.MARKER_0);
        assertThat(bytes[1]).isEqualTo(AvroCodec.MARKER_1);
        assertThat(AvroCodec.fingerprint(bytes)).isEqualTo(AvroSchemas.fingerprint(codec.schema()));
        assertThat(codec.decode(bytes)).isEqualTo(sample);
    }

    @Test
    void keepsTensorBytesAndTimestamps() {
        Frame frame = Samples.frame();

        Frame decoded = AvroCodec.of(Frame.class).decode(AvroCodec.of(Frame.class).encode(frame));

        ByteBuffer data = decoded.getTensors().get(0).getData().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat(0)).isEqualTo(1f);
        assertThat(data.getFloat(4)).isEqualTo(-2f);
        assertThat(decoded.getCaptureTime()).isEqualTo(Samples.T0);
    }

    @Test
    void decodesRecordWrittenWithAnOlderSchema() throws IOException {
        Schema old = testSchema(TELEMETRY_V0);
        byte[] bytes = telemetryWithV0(old, 1_700_000_000_000L);
        AvroCodec<DeviceTelemetry> codec = AvroCodec.of(DeviceTelemetry.class, List.of(old));

        DeviceTelemetry decoded = codec.decode(bytes);

        assertThat(decoded.getDeviceId()).isEqualTo("nano-7");
        assertThat(decoded.getEventTime().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        assertThat(decoded.getDeviceType()).isEqualTo("jetson-nano");
        assertThat(decoded.getUplinkBps()).isEqualTo(2.0e6);
        assertThat(decoded.getRttMs()).isNull();
        assertThat(decoded.getGpuClockHz()).isNull();
        assertThat(codec.knownVersions())
                .isEqualTo(AvroCodec.of(DeviceTelemetry.class).knownVersions() + 1);
    }

    @Test
    void olderSchemaIsUnknownUnlessRegistered() throws IOException {
        Schema old = testSchema(TELEMETRY_V0);
        byte[] bytes = telemetryWithV0(old, 1L);

        assertThatThrownBy(() -> AvroCodec.of(DeviceTelemetry.class).decode(bytes))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessage(
                        "unknown schema fingerprint "
                                + String.format("0x%016x", AvroSchemas.fingerprint(old))
                                + " (not one of the "
                                + bundledTelemetryVersions()
                                + " bundled DeviceTelemetry versions)");
    }

    @Test
    void rejectsJsonWithTheMarkerItFound() {
        byte[] json = "{\"deviceId\":\"a\"}".getBytes(StandardCharsets.UTF_8);

        assertDecodeFails(
                json, Kind.BAD_MARKER, "not Avro single-object encoded (bad marker 0x7b22)");
    }

    @Test
    void rejectsUnknownFingerprint() {
        byte[] bytes =
                withFingerprint(
                        AvroCodec.of(DeviceTelemetry.class).encode(Samples.telemetry()),
                        UNKNOWN_FINGERPRINT);

        assertDecodeFails(
                bytes,
                Kind.UNKNOWN_FINGERPRINT,
                "unknown schema fingerprint 0x0123456789abcdef (not one of the "
                        + bundledTelemetryVersions()
                        + " bundled DeviceTelemetry versions)");
    }

    @Test
    void namesTheTypeOfARecordOfAnotherType() {
        byte[] frame = AvroCodec.of(Frame.class).encode(Samples.frame());

        assertDecodeFails(
                frame, Kind.WRONG_TYPE, "record of type Frame where DeviceTelemetry was expected");
    }

    @Test
    void rejectsRecordCutInTheBody() {
        byte[] bytes = AvroCodec.of(DeviceTelemetry.class).encode(Samples.telemetry());
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> AvroCodec.of(DeviceTelemetry.class).decode(cut))
                .isInstanceOfSatisfying(
                        AvroDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED))
                .hasMessageStartingWith("truncated record: DeviceTelemetry body of ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsRecordCutInTheHeader() {
        byte[] bytes = AvroCodec.of(DeviceTelemetry.class).encode(Samples.telemetry());

        assertDecodeFails(
                Arrays.copyOf(bytes, 6),
                Kind.TRUNCATED,
                "truncated record: 6 bytes, shorter than the 10-byte single-object header");
    }

    @Test
    void rejectsNullAndEmptyValues() {
        assertDecodeFails(
                null, Kind.EMPTY, "null value (tombstone) where DeviceTelemetry was expected");
        assertDecodeFails(
                new byte[0], Kind.EMPTY, "empty value where DeviceTelemetry was expected");
    }

    @Test
    void rejectsBytesLeftAfterTheRecord() {
        byte[] bytes = AvroCodec.of(DeviceTelemetry.class).encode(Samples.telemetry());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertDecodeFails(
                longer,
                Kind.MALFORMED,
                "malformed DeviceTelemetry record: 3 bytes left after the end of the record");
    }

    @Test
    void refusesGarbageLengthPrefixWithoutAllocatingIt() {
        // a valid header, then a string length of 1.5 billion: Avro's own decoder tries to allocate
        // it
        ByteBuffer value = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        value.put(AvroCodec.MARKER_0).put(AvroCodec.MARKER_1);
        value.putLong(AvroSchemas.fingerprint(AvroSchemas.current(DeviceTelemetry.class)));
        putVarLong(value, 3_000_000_000L); // zig-zag of 1_500_000_000
        byte[] bytes = Arrays.copyOf(value.array(), value.position());

        assertDecodeFails(
                bytes,
                Kind.TRUNCATED,
                "truncated record: DeviceTelemetry body of 5 bytes ends early (string of 1500000000 bytes but only 0 bytes left)");
    }

    @Test
    void randomBodiesBehindAValidHeaderFailWithADecodeException() {
        Random random = new Random(7);
        byte[] header =
                Arrays.copyOf(
                        AvroCodec.of(Frame.class).encode(Samples.frame()), AvroCodec.HEADER_BYTES);
        for (int i = 0; i < 2_000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            byte[] bytes = new byte[header.length + body.length];
            System.arraycopy(header, 0, bytes, 0, header.length);
            System.arraycopy(body, 0, bytes, header.length, body.length);
            try {
                AvroCodec.of(Frame.class).decode(bytes);
            } catch (AvroDecodeException e) {
                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            }
        }
    }

    @Test
    void oneCodecServesSeveralThreads() throws Exception {
        AvroCodec<Frame> codec = AvroCodec.of(Frame.class);
        Frame frame = Samples.frame();
        byte[] bytes = codec.encode(frame);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 2_000; i++) {
                                        if (!codec.decode(codec.encode(frame)).equals(frame)
                                                || !codec.decode(bytes).equals(frame)) {
                                            return false;
                                        }
                                    }
                                    return true;
                                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesToEncodeRecordWithMissingRequiredField() {
        DeviceTelemetry incomplete = Samples.telemetry();
        incomplete.setDeviceId(null);

        assertThatThrownBy(() -> AvroCodec.of(DeviceTelemetry.class).encode(incomplete))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot encode DeviceTelemetry: ");
    }

    @Test
    void refusesExtraWriterSchemaTheCurrentOneCannotRead() {
        Schema incompatible =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"DeviceTelemetry\",\"namespace\":\"io.edgesplit.avro\","
                                        + "\"fields\":[{\"name\":\"deviceId\",\"type\":\"long\"}]}");

        assertThatThrownBy(() -> AvroCodec.of(DeviceTelemetry.class, List.of(incompatible)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be read by the current DeviceTelemetry schema");
    }

    /** A DeviceTelemetry of device nano-7 encoded with the older test schema {@code v0}. */
    private static byte[] telemetryWithV0(Schema v0, long eventTime) throws IOException {
        GenericRecord written = new GenericData.Record(v0);
        written.put("deviceId", "nano-7");
        written.put("eventTime", eventTime);
        written.put("deviceType", "jetson-nano");
        written.put("uplinkBps", 2.0e6);
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0)
                .encode(written)
                .array();
    }

    private static int bundledTelemetryVersions() {
        return AvroCodec.of(DeviceTelemetry.class).knownVersions();
    }

    private static void assertDecodeFails(byte[] bytes, Kind kind, String message) {
        assertThatThrownBy(() -> AvroCodec.of(DeviceTelemetry.class).decode(bytes))
                .isInstanceOfSatisfying(
                        AvroDecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    private static byte[] withFingerprint(byte[] bytes, long fingerprint) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
        return copy;
    }

    private static void putVarLong(ByteBuffer out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    static Schema testSchema(String resource) throws IOException {
        try (InputStream in = AvroCodecTest.class.getClassLoader().getResourceAsStream(resource)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new Schema.Parser().parse(out.toString(StandardCharsets.UTF_8));
        }
    }
}
