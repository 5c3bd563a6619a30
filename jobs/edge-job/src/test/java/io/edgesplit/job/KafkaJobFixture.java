package io.edgesplit.job;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.demo.ScenarioEvent;
import io.edgesplit.job.demo.ScenarioGenerator;
import io.edgesplit.job.demo.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.AvroProducer;
import io.edgesplit.kafka.client.TopicReader;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

/** A real embedded broker, the job's configuration for it, and a small generated scenario. */
final class KafkaJobFixture implements AutoCloseable {

    static final int DEVICES = 3;
    static final int FRAMES_PER_DEVICE = 20;

    final EmbeddedKafka kafka;
    final EdgesplitTopics topics = EdgesplitTopics.defaults();
    final ScenarioSpec spec;
    final long start = 1_700_000_000_000L;

    KafkaJobFixture() {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopics(2, topics.telemetry(), topics.frames());
        kafka.createTopics(
                1, topics.profiles(), topics.results(), topics.decisions(), topics.deadLetters());
        spec =
                new ScenarioSpec(
                        DEVICES,
                        FRAMES_PER_DEVICE * 200L,
                        5,
                        Fixtures.MODEL,
                        Fixtures.profile().input(),
                        List.of(Fixtures.DEVICE_TYPE),
                        List.of(SyntheticTraces.constant(10e6), SyntheticTraces.constant(2e6)),
                        10,
                        7);
    }

    /** The job's options: this broker, tiny-chain, fast checkpoints and watermarks. */
    Configuration jobConfiguration() {
        Configuration c = new Configuration();
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        c.set(EdgeJobOptions.MODELS, List.of(Fixtures.MODEL));
        c.set(EdgeJobOptions.BATCH_SIZE, 4);
        c.set(EdgeJobOptions.PROVIDER, "cpu");
        c.set(EdgeJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        c.set(EdgeJobOptions.SOURCE_IDLENESS, Duration.ofMillis(500));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return c;
    }

    /** Produces the whole scenario as fast as possible; returns the number of frames. */
    long produceScenario() {
        return produce(0, Long.MAX_VALUE);
    }

    /** Produces the scenario's records due in [from, to) ms after its start; returns the frames. */
    long produce(long fromMs, long toMs) {
        long frames = 0;
        try (AvroProducer p = AvroProducer.builder(kafka.bootstrapServers()).build()) {
            ScenarioGenerator gen = new ScenarioGenerator(spec, start);
            while (gen.hasNext()) {
                ScenarioEvent e = gen.next();
                if (e.offsetMs() < fromMs || e.offsetMs() >= toMs) {
                    continue;
                }
                String topic =
                        e.kind() == ScenarioEvent.Kind.FRAME ? topics.frames() : topics.telemetry();
                p.send(topic, e.deviceId(), e.record(), start + e.offsetMs());
                if (e.kind() == ScenarioEvent.Kind.FRAME) {
                    frames++;
                }
            }
            p.flush();
        }
        return frames;
    }

    List<InferenceResult> results(int expected, Duration timeout) {
        return TopicReader.poll(kafka.bootstrapServers(), topics.results(), expected, timeout)
                .stream()
                .map(
                        r ->
                                io.edgesplit.schemas.AvroCodec.of(InferenceResult.class)
                                        .decode(r.value()))
                .toList();
    }

    List<DeadLetter> deadLetters(int expected, Duration timeout) {
        return TopicReader.poll(kafka.bootstrapServers(), topics.deadLetters(), expected, timeout)
                .stream()
                .map(r -> io.edgesplit.schemas.AvroCodec.of(DeadLetter.class).decode(r.value()))
                .toList();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
