package io.edgesplit.job.bench;

import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.WorkItem;
import io.edgesplit.job.functions.ControllerLogic;
import io.edgesplit.job.functions.PartitionControllerFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the controller without inference, in frames per second on one thread (one core),
 * heap state. Each operation is one 200 ms step of event time of {@link ControllerWorkload}: 1,000
 * devices send 2,000 frames and 1,000 telemetry samples in event-time order, then the watermark
 * advances; scores are frames/s (telemetry comes on top, one sample per two frames).
 *
 * <ul>
 *   <li>{@code operator}: the real {@link PartitionControllerFunction} in Flink's {@link
 *       CoBroadcastWithKeyedOperator} on a heap keyed state backend (Flink's operator test
 *       harness): keyed value and map state, events buffered until the watermark, one event-time
 *       timer per distinct (device, time), per-device idle timers, metrics. Outputs go to a
 *       counting {@link Output} (no downstream copies or serialization).
 *   <li>{@code operatorNoBuffering}: the same operator with the watermark already past every event,
 *       so each event is applied at once (no map state, no per-event timers): isolates the cost of
 *       the event-time buffering.
 *   <li>{@code logicOnly}: the baseline without Flink: {@link ControllerLogic} with the devices'
 *       {@link DeviceState} in a {@code HashMap}, events applied in arrival order.
 * </ul>
 *
 * Run with {@code scripts/bench-job.sh controller} (see docs/benchmarks/job.md); {@link #main}
 * prints the ratios to {@code logicOnly}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-Xss4m"})
@Threads(1)
public class ControllerBenchmark {

    /** Model whose profile the controller decides over (mobilenetv2 has 101 cuts). */
    @Param({"mobilenetv2"})
    public String model;

    /** Policy of every device. */
    @Param({"cutedge"})
    public String policy;

    private ControllerWorkload workload;
    private final List<DeviceEvent> step = new ArrayList<>(ControllerWorkload.FRAMES_PER_STEP * 2);

    private KeyedBroadcastOperatorTestHarness<String, DeviceEvent, ProfileUpdate, WorkItem> harness;
    private CountingOutput output;

    private ControllerLogic logic;
    private ModelProfile profile;
    private EdgeJobConfig config;
    private Map<String, DeviceState> states;
    private long emitted;
    private boolean allLate;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        profile = ControllerWorkload.profile(model);
        config = ControllerWorkload.config(profile, policy);
        workload = new ControllerWorkload(profile);

        output = new CountingOutput();
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new PartitionControllerFunction(config),
                                List.of(PartitionControllerFunction.PROFILES)),
                        DeviceEvent::deviceId,
                        Types.STRING,
                        128,
                        1,
                        0);
        harness.setOutputCreator(serializer -> output);
        harness.setup();
        harness.initializeEmptyState();
        harness.open();
        // profiles carry no event time: the job's profiles stream declares itself idle
        harness.getTwoInputOperator()
                .processWatermarkStatus2(
                        org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);

        logic =
                new ControllerLogic(
                        config, config.controller(), DeviceProfiles::builtin, config.edgeServer());
        states = new HashMap<>();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        harness.close();
        if (output.records == 0 && emitted == 0) {
            throw new IllegalStateException("the benchmark produced no output");
        }
    }

    /** The Flink operator, event-time buffering on: the watermark releases each step. */
    @Benchmark
    @OperationsPerInvocation(ControllerWorkload.FRAMES_PER_STEP)
    public long operator(CpuTime cpu) throws Exception {
        long start = CpuTime.now();
        long end = workload.nextStep(step);
        for (DeviceEvent e : step) {
            harness.processElement(e, e.eventTime());
        }
        // what a bounded-out-of-orderness watermark generator emits once the step is read
        harness.processWatermark(end - 1);
        cpu.add(start);
        return output.records;
    }

    /** The Flink operator with every event behind the watermark: applied at once. */
    @Benchmark
    @OperationsPerInvocation(ControllerWorkload.FRAMES_PER_STEP)
    public long operatorNoBuffering(CpuTime cpu) throws Exception {
        long start = CpuTime.now();
        if (!allLate) {
            // far ahead of any event time, but short of the end so idle timers never fire
            harness.processWatermark(Long.MAX_VALUE / 2);
            allLate = true;
        }
        workload.nextStep(step);
        for (DeviceEvent e : step) {
            harness.processElement(e, e.eventTime());
        }
        cpu.add(start);
        return output.records;
    }

    /** Baseline: the controller logic alone, state in a HashMap, no Flink. */
    @Benchmark
    @OperationsPerInvocation(ControllerWorkload.FRAMES_PER_STEP)
    public long logicOnly(CpuTime cpu) {
        long start = CpuTime.now();
        workload.nextStep(step);
        for (DeviceEvent e : step) {
            DeviceState s = states.get(e.deviceId());
            if (s == null) {
                s = logic.initial();
            }
            if (e.isTelemetry()) {
                s = logic.apply(s, e.telemetry());
            } else {
                FrameIn f = e.frame();
                ControllerLogic.Step r = logic.decide(s, f, profile, () -> "");
                emitted += r.work() != null ? 1 : 0;
                s = r.next();
            }
            states.put(e.deviceId(), s);
        }
        cpu.add(start);
        return emitted;
    }

    /**
     * CPU time of the benchmark thread and frames done, per iteration (JMH reports them as
     * secondary results {@code cpuMicros} and {@code frames}): frames per CPU-second do not drop
     * when other processes take the core away, which wall-clock throughput does on a shared
     * machine. Thread CPU time leaves out GC and JIT threads.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuMicros;
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            cpuMicros = 0;
            frames = 0;
        }

        static long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long start) {
            cpuMicros += (now() - start) / 1_000;
            frames += ControllerWorkload.FRAMES_PER_STEP;
        }
    }

    /** Counts what the operator emits; copies and serializes nothing. */
    private static final class CountingOutput implements Output<StreamRecord<WorkItem>> {
        long records;
        long sideRecords;

        @Override
        public void collect(StreamRecord<WorkItem> record) {
            records++;
        }

        @Override
        public <X> void collect(OutputTag<X> outputTag, StreamRecord<X> record) {
            sideRecords++;
        }

        @Override
        public void emitWatermark(Watermark mark) {}

        @Override
        public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {}

        @Override
        public void emitLatencyMarker(LatencyMarker latencyMarker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes recordAttributes) {}

        @Override
        public void emitWatermark(org.apache.flink.runtime.event.WatermarkEvent watermark) {}

        @Override
        public void close() {}
    }

    /**
     * Runs the benchmarks (JMH options pass through, e.g. {@code -f 1 -wi 3 -i 5 -prof gc}) and
     * prints each score with its ratio to {@code logicOnly} of the same parameters.
     */
    public static void main(String[] args) throws Exception {
        Options options =
                new OptionsBuilder()
                        .parent(new CommandLineOptions(args))
                        .include(ControllerBenchmark.class.getSimpleName())
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, double[]>> byParams = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String params =
                    r.getParams().getParam("model") + ", " + r.getParams().getParam("policy");
            var secondary = r.getSecondaryResults(); // JMH declares Map<String, Result> (raw)
            double perCpuSecond =
                    secondary.containsKey("frames") && secondary.containsKey("cpuMicros")
                            ? secondary.get("frames").getScore()
                                    / secondary.get("cpuMicros").getScore()
                                    * 1e6
                            : Double.NaN;
            byParams.computeIfAbsent(params, k -> new LinkedHashMap<>())
                    .put(
                            method,
                            new double[] {
                                r.getPrimaryResult().getScore(),
                                r.getPrimaryResult().getScoreError(),
                                perCpuSecond
                            });
        }
        System.out.println();
        System.out.println(
                "Controller throughput on one thread: frames per wall-clock second (JMH score)"
                        + " and per CPU-second of the benchmark thread; ratios to logicOnly:");
        byParams.forEach(
                (params, scores) -> {
                    double[] base =
                            scores.getOrDefault("logicOnly", new double[] {Double.NaN, 0, 0});
                    System.out.println(params + ":");
                    scores.forEach(
                            (method, s) ->
                                    System.out.printf(
                                            Locale.ROOT,
                                            "  %-20s %,11.0f ± %,9.0f frames/s (%4.2f x)   %,11.0f"
                                                    + " frames/CPU-s (%4.2f x)%n",
                                            method,
                                            s[0],
                                            s[1],
                                            s[0] / base[0],
                                            s[2],
                                            s[2] / base[2]));
                });
    }
}
