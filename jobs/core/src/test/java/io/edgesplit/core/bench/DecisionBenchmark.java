package io.edgesplit.core.bench;

import io.edgesplit.core.controller.BruteForce;
import io.edgesplit.core.controller.ControlDecision;
import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.controller.Policy;
import io.edgesplit.core.controller.QueueState;
import io.edgesplit.core.controller.SlotInput;
import io.edgesplit.core.cost.ModelCosts;
import io.edgesplit.core.cost.TestProfiles;
import io.edgesplit.core.device.DeviceProfile;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.device.EdgeServerProfiles;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One CutEdge decision (20 cuts × 15 GPU clocks (+ idle) × 11 candidate rates × up to 4 admissions)
 * against brute force over the same product, in the same run. Sample-time mode so JMH reports
 * percentiles (p99 is the target: ≤ 10 µs on one core). 1024 pre-generated random states and slot
 * inputs are cycled so the branch predictor does not learn one situation.
 *
 * <p>Run (see docs/benchmarks/core.md): {@code mvn -q -f jobs/core/pom.xml test-compile exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test -Dexec.args="-cp %classpath
 * org.openjdk.jmh.Main DecisionBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class DecisionBenchmark {

    private static final int SITUATIONS = 1024;

    /** Cuts in the synthetic profile. */
    @Param({"20"})
    public int cuts;

    private DeviceProfile device;
    private ModelCosts costs;
    private ControllerConfig config;
    private Policy cutedge;
    private Policy dads;
    private Policy cic;
    private QueueState[] states;
    private SlotInput[] inputs;
    private int next;

    @Setup
    public void setup() {
        Random rnd = new Random(42);
        device = DeviceProfiles.builtin("jetson-xavier-nx"); // 15 clocks
        costs =
                ModelCosts.of(
                        TestProfiles.randomModel(rnd, cuts),
                        device,
                        EdgeServerProfiles.defaultProfile());
        config =
                ControllerConfig.builder().v(10).theta(5).rateLevels(10).cutEnergyWeight(1).build();
        cutedge = Policies.create(Policies.CUTEDGE, config);
        dads = Policies.create(Policies.DADS, config);
        cic = Policies.create(Policies.CIC, config);
        states = new QueueState[SITUATIONS];
        inputs = new SlotInput[SITUATIONS];
        for (int i = 0; i < SITUATIONS; i++) {
            states[i] =
                    new QueueState(
                            rnd.nextDouble() * 2,
                            rnd.nextDouble() * 2e7,
                            rnd.nextDouble() * 3,
                            rnd.nextDouble() * 0.1,
                            rnd.nextDouble() * 1e6);
            inputs[i] = new SlotInput(i, rnd.nextInt(4), 1e6 + rnd.nextDouble() * 2e7, 0.1);
        }
    }

    @Benchmark
    public ControlDecision cutedge() {
        int i = next++ & (SITUATIONS - 1);
        return cutedge.decide(states[i], inputs[i], device, costs);
    }

    /** DADS: the latency of every cut at the slot's rate, then the throughput rule. */
    @Benchmark
    public ControlDecision dads() {
        int i = next++ & (SITUATIONS - 1);
        return dads.decide(states[i], inputs[i], device, costs);
    }

    /** CIC: the same latency choice by lookup in the bandwidth->cut table. */
    @Benchmark
    public ControlDecision cic() {
        int i = next++ & (SITUATIONS - 1);
        return cic.decide(states[i], inputs[i], device, costs);
    }

    @Benchmark
    public ControlDecision bruteForce() {
        int i = next++ & (SITUATIONS - 1);
        return BruteForce.best(config, false, states[i], inputs[i], device, costs);
    }
}
