package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.ElementType;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.ResultStatus;
import io.edgesplit.avro.Tensor;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.JobTopics;
import io.edgesplit.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records mixed into a longer replay-style input (under 1% of the records): each becomes
 * exactly one dead letter, or one FAILED outcome where the design says so (an oversized frame), the
 * job never restarts (restarts are disabled, so one would fail it), and the output for the valid
 * records is the same as a clean run's.
 */
class PoisonRecordsITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    private static final int DEVICES = 4;
    private static final int FRAMES_PER_DEVICE = 40;
    private static final double TELEMETRY_HZ = 20;

    /** A device of its own for the oversized frame: a FAILED frame still counts as seen. */
    private static final String POISON_DEVICE = "cam-99";

    /** The tiny model's input fits; the oversized frame carries twice this. */
    private static final int MAX_FRAME_BYTES = inputBytes() * 2;

    @TempDir Path tmp;

    @Test
    void poisonRecordsBecomeDeadLettersOrFailedOutcomesAndNothingElseChanges() throws Exception {
        try (KafkaJobFixture fx = new KafkaJobFixture(DEVICES, FRAMES_PER_DEVICE, TELEMETRY_HZ)) {
            EdgesplitTopics clean = fx.topics.withPrefix("clean.");
            Configuration cleanConf = KafkaJobFixture.withTopics(jobConf(fx), clean);
            JobTopics.createMissing(fx.kafka.bootstrapServers(), cleanConf, line -> {});
            long frames = fx.produce(clean, 0, Long.MAX_VALUE, (p, n) -> {});
            Poison poison = new Poison(fx);
            long poisoned = fx.produce(fx.topics, 0, Long.MAX_VALUE, poison::afterRecord);
            assertThat(poisoned).isEqualTo(frames);
            assertThat(poison.injected).isEqualTo(Poison.AT.size());

            KafkaJobFixture.Outputs dirty =
                    fx.runUntilResults(jobConf(fx), frames + 1, tmp.resolve("cp-poison"));
            KafkaJobFixture.Outputs reference =
                    fx.runUntilResults(cleanConf, frames, tmp.resolve("cp-clean"));

            assertThat(dirty.status())
                    .as("restarts are off: a failure would end the job")
                    .isEqualTo(JobStatus.RUNNING);
            assertThat(reference.status()).isEqualTo(JobStatus.RUNNING);
            Map<String, String> outcomes = dirty.outcomes();
            String oversized = outcomes.remove(POISON_DEVICE + "/0");
            assertThat(oversized).startsWith("FAILED").contains("oversized frame");
            assertThat(outcomes).isEqualTo(reference.outcomes()).hasSize((int) frames);
            assertThat(reference.results())
                    .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.OK));
            assertThat(dirty.sortedDecisions())
                    .isEqualTo(reference.sortedDecisions())
                    .hasSize((int) frames);
            assertThat(reference.deadLetters()).isEmpty();
            assertThat(dirty.deadLetters())
                    .extracting(DeadLetter::getReason)
                    .satisfiesExactlyInAnyOrder(
                            contains("not Avro single-object encoded"),
                            contains("record of type DeviceTelemetry where"),
                            contains("unknown schema fingerprint 0x0123456789abcdef"),
                            contains("uplink throughput NaN bit/s"),
                            contains("uplink throughput -5000000.0 bit/s"),
                            contains("truncated record"));
            assertThat(dirty.deadLetters())
                    .extracting(DeadLetter::getSourceTopic)
                    .containsExactlyInAnyOrder(
                            fx.topics.frames(),
                            fx.topics.frames(),
                            fx.topics.frames(),
                            fx.topics.telemetry(),
                            fx.topics.telemetry(),
                            fx.topics.telemetry());
        }
    }

    private static Consumer<String> contains(String part) {
        return reason -> assertThat(reason).contains(part);
    }

    private static Configuration jobConf(KafkaJobFixture fx) {
        Configuration c = fx.jobConfiguration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        c.set(EdgeJobOptions.MAX_FRAME_BYTES, MAX_FRAME_BYTES);
        c.set(EdgeJobOptions.SOURCE_IDLENESS, KafkaJobFixture.DETERMINISTIC_IDLENESS);
        return c;
    }

    private static int inputBytes() {
        return Math.toIntExact(Fixtures.profile().input().elements() * 4);
    }

    /** Sends one poison record after each of the record counts in {@link #AT}. */
    private static final class Poison {
        static final List<Long> AT = List.of(100L, 230L, 360L, 490L, 620L, 750L, 850L);

        final KafkaJobFixture fx;
        int injected;

        Poison(KafkaJobFixture fx) {
            this.fx = fx;
        }

        void afterRecord(AvroProducer p, long sent) {
            if (!AT.contains(sent)) {
                return;
            }
            long ts = fx.start + sent * 10;
            String device = fx.spec.deviceId((int) (sent % DEVICES));
            EdgesplitTopics t = fx.topics;
            switch (injected++) {
                case 0 -> p.sendRaw(t.frames(), device, bytes("{\"frame\": 1}"), ts);
                case 1 -> // a valid record of another type on the frames topic
                        p.send(t.frames(), device, telemetry(device, ts, 1e6), ts);
                case 2 -> p.sendRaw(t.telemetry(), device, unknownFingerprint(), ts);
                case 3 -> p.send(t.telemetry(), device, telemetry(device, ts, Double.NaN), ts);
                case 4 -> p.send(t.telemetry(), device, telemetry(device, ts, -5e6), ts);
                case 5 -> p.send(t.frames(), POISON_DEVICE, oversizedFrame(ts), ts);
                default -> p.sendRaw(t.frames(), device, truncatedFrame(device, ts), ts);
            }
        }

        private static io.edgesplit.avro.DeviceTelemetry telemetry(
                String device, long ts, double bps) {
            return EdgeJobKafkaITCase.telemetry(device, ts, Fixtures.DEVICE_TYPE, bps);
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        /** Single-object marker, a fingerprint no schema has, some body. */
        private static byte[] unknownFingerprint() {
            return ByteBuffer.allocate(16)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0xC3)
                    .put((byte) 0x01)
                    .putLong(0x0123456789ABCDEFL)
                    .putInt(42)
                    .array();
        }

        /** A well-formed frame with twice the job's max frame bytes in its one tensor. */
        private static Frame oversizedFrame(long ts) {
            TensorSpec in = Fixtures.profile().input();
            int floats = MAX_FRAME_BYTES * 2 / 4;
            return Frame.newBuilder()
                    .setDeviceId(POISON_DEVICE)
                    .setFrameId(0)
                    .setCaptureTime(Instant.ofEpochMilli(ts))
                    .setModelId(Fixtures.MODEL)
                    .setCut(0)
                    .setTensors(
                            List.of(
                                    Tensor.newBuilder()
                                            .setName(in.name())
                                            .setElementType(ElementType.FLOAT)
                                            .setShape(List.of(1L, (long) floats))
                                            .setData(ByteBuffer.wrap(new byte[floats * 4]))
                                            .build()))
                    .build();
        }

        /** A valid frame's encoding cut in half. */
        private static byte[] truncatedFrame(String device, long ts) {
            Frame f = oversizedFrame(ts);
            f.setDeviceId(device);
            f.setFrameId(1_000_000);
            byte[] full = AvroCodec.of(Frame.class).encode(f);
            return Arrays.copyOf(full, full.length / 2);
        }
    }
}
