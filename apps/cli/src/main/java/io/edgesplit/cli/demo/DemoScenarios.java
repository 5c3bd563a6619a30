package io.edgesplit.cli.demo;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.SyntheticTraces;
import io.edgesplit.job.workload.ScenarioEvent;
import io.edgesplit.job.workload.ScenarioGenerator;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.recording.TraceRecord;
import io.edgesplit.kafka.recording.TraceWriter;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.zoo.ModelZoo;
import io.edgesplit.schemas.AvroCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Scenario helpers shared by the demo and {@code edgesplit gen-trace}: the demo's per-device uplink
 * channels, a built-in model's input, and writing a generated scenario into a trace.
 */
public final class DemoScenarios {

    /** Probability per step of the good state turning bad, in the demo's channels. */
    static final double P_GOOD_TO_BAD = 0.08;

    /** Probability per step of the bad state turning good. */
    static final double P_BAD_TO_GOOD = 0.25;

    /** Step of the demo's channels, seconds. */
    static final double STEP_SECONDS = 0.5;

    private DemoScenarios() {}

    /**
     * The demo's uplink per device: a two-state (good/bad) Gilbert-Elliott channel stepped every
     * 500 ms, its rates scaled per device between 0.6x and 1.4x, seeded {@code seed + device}.
     *
     * @param seconds length of each trace (it loops after that)
     */
    public static List<BandwidthTrace> twoStateUplinks(
            int devices, double goodBps, double badBps, double seconds, long seed) {
        List<BandwidthTrace> traces = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            double scale = 0.6 + 0.8 * ((i * 7919) % devices) / Math.max(1.0, devices - 1.0);
            traces.add(
                    SyntheticTraces.gilbertElliott(
                            goodBps * scale,
                            badBps * scale,
                            P_GOOD_TO_BAD,
                            P_BAD_TO_GOOD,
                            STEP_SECONDS,
                            seconds,
                            seed + i));
        }
        return traces;
    }

    /**
     * The input tensor (batch 1) of a built-in model.
     *
     * @throws IllegalArgumentException naming the built-in models if {@code model} is not one
     */
    public static TensorSpec modelInput(String model) {
        return analyzeBuiltin(model).input();
    }

    /**
     * A built-in model's graph analysis (cuts, MACs, tensors), the {@code --model} of the demo and
     * of gen-trace.
     *
     * @throws IllegalArgumentException naming the built-in models if {@code model} is not one
     */
    static ModelAnalysis analyzeBuiltin(String model) {
        if (!ModelZoo.contains(model)) {
            throw new IllegalArgumentException(
                    "--model "
                            + model
                            + " is not a built-in model: use one of "
                            + String.join(", ", ModelZoo.names()));
        }
        return ModelAnalyzer.analyze(ModelZoo.build(model), null);
    }

    /**
     * Writes a scenario's records, in generation order, as generated records (UTF-8 deviceId keys,
     * Avro single-object encoded values, Kafka timestamp = event time).
     *
     * @param startEpochMs event time of the scenario start
     * @param progress receives the fraction of scenario time written, now and then
     * @return records written
     */
    public static long write(
            ScenarioSpec spec,
            long startEpochMs,
            TraceWriter writer,
            String telemetryTopic,
            String framesTopic,
            DoubleConsumer progress) {
        ScenarioGenerator gen = new ScenarioGenerator(spec, startEpochMs);
        double totalMs = spec.durationMs() + ScenarioGenerator.TAIL_MS;
        long n = 0;
        while (gen.hasNext()) {
            ScenarioEvent e = gen.next();
            String topic = e.kind() == ScenarioEvent.Kind.FRAME ? framesTopic : telemetryTopic;
            writer.append(
                    TraceRecord.generated(
                            topic, e.deviceId(), encode(e.record()), startEpochMs + e.offsetMs()));
            if (++n % 256 == 0) {
                progress.accept(Math.min(1, e.offsetMs() / totalMs));
            }
        }
        progress.accept(1);
        return n;
    }

    @SuppressWarnings("unchecked")
    private static <A extends SpecificRecord> byte[] encode(A value) {
        return AvroCodec.of((Class<A>) value.getClass()).encode(value);
    }
}
