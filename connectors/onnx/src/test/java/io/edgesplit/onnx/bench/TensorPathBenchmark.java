package io.edgesplit.onnx.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * The Java tensor path around {@code OrtSession.run} for a 1x3x224x224 float input:
 *
 * <ul>
 *   <li>{@code sessionRun}: the inference alone (input tensor created once, outputs left native);
 *   <li>{@code heapArrayTensor}: building the input from a {@code float[1][3][224][224]};
 *   <li>{@code directBufferTensor}: copying the frame's bytes into a reused direct buffer and
 *       wrapping it (what {@link ModelRunner} does);
 *   <li>{@code heapArrayPath}: array in, run, output read back as Java arrays (the naive path);
 *   <li>{@code modelRunnerPath}: {@link ModelRunner#run}: bytes in, run, output bytes out.
 * </ul>
 *
 * Overheads are reported relative to {@code sessionRun} of the same fork by {@link #main}. Models:
 * {@code mobilenetv2} (full network) and {@code resnet18-head} (ResNet-18 head up to layer2,
 * 401,408-byte output, so output copies count too). One intra-op thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class TensorPathBenchmark {

    private static final long[] SHAPE = {1, 3, 224, 224};
    private static final int ELEMENTS = 3 * 224 * 224;

    @Param({"mobilenetv2", "resnet18-head"})
    public String model;

    private OrtEnvironment env;
    private OrtSession session;
    private ModelRunner runner;
    private OnnxTensor prepared;
    private float[][][][] array;
    private byte[] frameBytes;
    private TensorData frame;
    private ByteBuffer direct;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        OnnxModel onnx = model(model);
        RunnerOptions options = RunnerOptions.builder().intraOpThreads(1).build();
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            session = env.createSession(onnx.toBytes(), so);
        }
        runner = ModelRunner.open(onnx, options);

        SplittableRandom random = new SplittableRandom(1);
        array = new float[1][3][224][224];
        ByteBuffer bytes = ByteBuffer.allocate(ELEMENTS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 3; c++) {
            for (int h = 0; h < 224; h++) {
                for (int w = 0; w < 224; w++) {
                    float v = (float) random.nextDouble();
                    array[0][c][h][w] = v;
                    bytes.putFloat(v);
                }
            }
        }
        frameBytes = bytes.array();
        frame = TensorData.of("input", ElementType.FLOAT, SHAPE, frameBytes);
        direct = ByteBuffer.allocateDirect(ELEMENTS * 4).order(ByteOrder.nativeOrder());
        direct.put(frameBytes).flip();
        prepared = OnnxTensor.createTensor(env, direct.asFloatBuffer(), SHAPE);
    }

    private static OnnxModel model(String name) {
        if (name.equals("resnet18-head")) {
            OnnxModel resnet = ModelZoo.build("resnet18");
            ModelAnalysis analysis = ModelAnalyzer.analyze(resnet, null);
            Cut afterLayer2 =
                    analysis.cuts().stream()
                            .filter(c -> c.label().startsWith("after layer2.1.relu2 "))
                            .findFirst()
                            .orElseThrow();
            return ModelSplitter.split(resnet, analysis, afterLayer2.index()).head();
        }
        return ModelZoo.build(name);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        prepared.close();
        runner.close();
        session.close();
    }

    @Benchmark
    public long sessionRun() throws OrtException {
        try (OrtSession.Result result = session.run(Map.of("input", prepared))) {
            return result.size();
        }
    }

    @Benchmark
    public long heapArrayTensor() throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, array)) {
            return t.getInfo().getNumElements();
        }
    }

    @Benchmark
    public long directBufferTensor() throws OrtException {
        direct.clear();
        direct.put(frameBytes).flip();
        FloatBuffer floats = direct.asFloatBuffer();
        try (OnnxTensor t = OnnxTensor.createTensor(env, floats, SHAPE)) {
            return t.getInfo().getNumElements();
        }
    }

    @Benchmark
    public Object heapArrayPath() throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, array);
                OrtSession.Result result = session.run(Map.of("input", t))) {
            return result.get(0).getValue();
        }
    }

    @Benchmark
    public Object modelRunnerPath() {
        return runner.run(frame);
    }

    /**
     * Runs the benchmark (JMH options may be passed, e.g. {@code -wi 3 -i 5}) and prints each
     * path's overhead as a percentage of {@code sessionRun} for the same model.
     */
    public static void main(String[] args) throws RunnerException, Exception {
        Options options =
                new org.openjdk.jmh.runner.options.OptionsBuilder()
                        .parent(new CommandLineOptions(args))
                        .include(TensorPathBenchmark.class.getSimpleName())
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, Double>> byModel = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            byModel.computeIfAbsent(r.getParams().getParam("model"), k -> new LinkedHashMap<>())
                    .put(method, r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Java tensor path as % of sessionRun (same fork):");
        byModel.forEach(
                (model, scores) -> {
                    double run = scores.getOrDefault("sessionRun", Double.NaN);
                    System.out.printf(Locale.ROOT, "%s: sessionRun %.3f ms%n", model, run);
                    scores.forEach(
                            (method, ms) -> {
                                if (method.equals("sessionRun")) {
                                    return;
                                }
                                double extra = method.endsWith("Path") ? ms - run : ms;
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %-20s %8.3f ms  overhead %7.3f ms = %6.2f%% of run%n",
                                        method,
                                        ms,
                                        extra,
                                        100 * extra / run);
                            });
                });
    }
}
