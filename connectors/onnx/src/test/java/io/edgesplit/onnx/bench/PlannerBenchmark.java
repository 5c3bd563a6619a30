package io.edgesplit.onnx.bench;

import io.edgesplit.core.pipeline.DeviceNetwork;
import io.edgesplit.core.pipeline.DeviceNetworks;
import io.edgesplit.core.pipeline.PipelineModel;
import io.edgesplit.core.pipeline.Plan;
import io.edgesplit.core.pipeline.Planner;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.graph.PipelineModels;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning a real model on 16 heterogeneous devices (4 each of Nano, TX2, Xavier NX, AGX Orin on a
 * 1 Gbit/s LAN): the whole PSO planner (swarm, local search, every DP and stage cost, no cache kept
 * between calls) against the greedy baseline in the same run. Target: ≤ 1 s per plan.
 *
 * <p>Run: {@code mvn -q -pl connectors/onnx test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main PlannerBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PlannerBenchmark {

    @Param({"resnet18", "mobilenetv2"})
    public String model;

    @Param({"16"})
    public int devices;

    private PipelineModel pipeline;
    private DeviceNetwork network;

    @Setup
    public void setUp() {
        OnnxModel onnx = ModelZoo.build(model);
        pipeline = PipelineModels.of(onnx, ModelAnalyzer.analyze(onnx, null));
        List<String> types = new ArrayList<>();
        String[] jetsons = {"jetson-nano", "jetson-tx2", "jetson-xavier-nx", "jetson-agx-orin"};
        for (int i = 0; i < devices; i++) {
            types.add(jetsons[i % jetsons.length]);
        }
        network = DeviceNetworks.ofTypes(types);
    }

    @Benchmark
    public Plan pso() {
        return Planner.plan(pipeline, network, Planner.Algorithm.PSO, 1);
    }

    @Benchmark
    public Plan greedy() {
        return Planner.plan(pipeline, network, Planner.Algorithm.GREEDY, 1);
    }
}
