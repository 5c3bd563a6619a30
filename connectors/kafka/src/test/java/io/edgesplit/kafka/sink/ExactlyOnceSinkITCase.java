package io.edgesplit.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.kafka.Telemetry;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An EXACTLY_ONCE sink with checkpointing, and a failure injected after the first completed
 * checkpoint: the records written in the aborted transaction are written again after the restart,
 * and a read_committed consumer sees every record exactly once.
 */
class ExactlyOnceSinkITCase {

    private static final String TOPIC = "eo-it.results";
    private static final int RECORDS = 300;
    private static final double RECORDS_PER_SECOND = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Set by the failing map once it has failed (the MiniCluster runs in this JVM). */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(2, TOPIC);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void readCommittedConsumerSeesEveryRecordOnceAcrossAFailure() throws Exception {
        FAILED.set(false);
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(100);

        env.fromSource(
                        new DataGeneratorSource<>(
                                id -> id,
                                RECORDS,
                                RateLimiterStrategy.perSecond(RECORDS_PER_SECOND),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "ids")
                .map(new FailOnceAfterCheckpoint(RECORDS / 2))
                .map(id -> new Telemetry("dev-" + (id % 4), AvroSamples.T0 + id, id))
                .returns(Telemetry.typeInfo())
                .sinkTo(
                        AvroKafkaSink.builder(DeviceTelemetry.class, Telemetry::toAvro)
                                .setBootstrapServers(kafka.bootstrapServers())
                                .setTopic(TOPIC)
                                .setKeyExtractor(Telemetry::deviceId)
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix("eo-it")
                                .build());
        env.execute("exactly-once sink");

        List<Long> ids =
                TopicReader.readAllValues(
                                kafka.bootstrapServers(), TOPIC, DeviceTelemetry.class, TIMEOUT)
                        .stream()
                        .map(t -> (long) t.getUplinkBps())
                        .toList();
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(ids).hasSize(RECORDS).doesNotHaveDuplicates();
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
    }

    /** Passes ids through; throws once, at the first id past {@code failAt} after a checkpoint. */
    private static final class FailOnceAfterCheckpoint
            implements MapFunction<Long, Long>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final long failAt;
        private transient boolean checkpointed;

        FailOnceAfterCheckpoint(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public Long map(Long id) {
            if (checkpointed && id >= failAt && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at id " + id);
            }
            return id;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
