package io.edgesplit.onnx.profile;

import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.Measurement;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.split.SplitModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Measures head and tail latency per cut with ONNX Runtime and produces a core {@link
 * ModelProfile}.
 *
 * <p>For each cut the model is really split; the head and the tail each get their own session (the
 * options' provider and threads), are run {@code warmup} times, then {@code runs} times with the
 * median kept. The head runs on a seeded random input (uniform [0,1) floats); the tail on the
 * head's outputs. Times include the Java tensor path of {@link ModelRunner} (well under 5% of a
 * run). Measuring real split sessions includes what a deployment pays (per-session overheads, lost
 * fusions at the cut) rather than summing per-node times.
 */
public final class ModelProfiler {

    private final int runs;
    private final int warmup;
    private final RunnerOptions runnerOptions;
    private final List<Integer> cuts;
    private final ProfileListener listener;
    private final long seed;

    private ModelProfiler(Builder b) {
        this.runs = b.runs;
        this.warmup = b.warmup;
        this.runnerOptions = b.runnerOptions;
        this.cuts = b.cuts == null ? null : List.copyOf(new TreeSet<>(b.cuts));
        this.listener = b.listener;
        this.seed = b.seed;
    }

    /** A builder with 10 timed runs, 3 warm-up runs, CPU with one thread, all cuts. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Profiles {@code model} at the cuts of {@code analysis}: every cut, or the configured subset
     * (the others keep NaN latencies).
     *
     * @throws IllegalArgumentException if a requested cut is out of range
     */
    public ModelProfile profile(OnnxModel model, ModelAnalysis analysis) {
        List<Integer> selected = cuts;
        if (selected == null) {
            selected = new ArrayList<>();
            for (int c = 0; c <= analysis.lastCut(); c++) {
                selected.add(c);
            }
        } else {
            selected.forEach(analysis::cut);
        }
        CutProfile[] profiles = new CutProfile[analysis.lastCut() + 1];
        for (int c = 0; c <= analysis.lastCut(); c++) {
            profiles[c] = analysis.cutProfile(c, Double.NaN, Double.NaN);
        }
        TensorData input = randomInput(analysis.input());
        String provider = null;
        int done = 0;
        for (int c : selected) {
            SplitModels split = ModelSplitter.split(model, analysis, c);
            try (ModelRunner head = ModelRunner.open(split.head(), runnerOptions);
                    ModelRunner tail = ModelRunner.open(split.tail(), runnerOptions)) {
                provider = head.providerInUse().name().toLowerCase(Locale.ROOT);
                List<TensorData> activations = head.run(input);
                double headMs = medianMs(() -> head.run(input));
                double tailMs = medianMs(() -> tail.run(activations));
                profiles[c] = analysis.cutProfile(c, headMs, tailMs);
            }
            done++;
            listener.cutMeasured(done, selected.size(), profiles[c]);
        }
        Measurement measurement =
                new Measurement(
                        HostDescription.get(),
                        provider == null
                                ? runnerOptions.provider().name().toLowerCase(Locale.ROOT)
                                : provider,
                        runnerOptions.intraOpThreads(),
                        warmup,
                        runs);
        return analysis.toProfile(measurement, Arrays.asList(profiles));
    }

    private double medianMs(Runnable run) {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    }

    private TensorData randomInput(TensorSpec spec) {
        ByteBuffer bytes =
                ByteBuffer.allocate(Math.toIntExact(spec.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(seed);
        if (spec.elementType() == ElementType.FLOAT) {
            while (bytes.hasRemaining()) {
                bytes.putFloat((float) random.nextDouble());
            }
            bytes.flip();
        }
        return new TensorData(spec.name(), spec.elementType(), spec.shape(), bytes);
    }

    /** Builder for {@link ModelProfiler}; {@link #build()} validates. */
    public static final class Builder {
        private int runs = 10;
        private int warmup = 3;
        private RunnerOptions runnerOptions = RunnerOptions.defaults();
        private List<Integer> cuts;
        private ProfileListener listener = ProfileListener.NONE;
        private long seed = 42;

        private Builder() {}

        /** Timed runs per head and tail (median kept); default 10. */
        public Builder runs(int runs) {
            this.runs = runs;
            return this;
        }

        /** Untimed runs before timing; default 3. */
        public Builder warmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        /** Sessions' provider, threads and optimization; default CPU, 1 thread. */
        public Builder runnerOptions(RunnerOptions runnerOptions) {
            this.runnerOptions = Objects.requireNonNull(runnerOptions, "runnerOptions");
            return this;
        }

        /** Shorthand for intra-op threads of the sessions. */
        public Builder threads(int threads) {
            this.runnerOptions = runnerOptions.toBuilder().intraOpThreads(threads).build();
            return this;
        }

        /** Measure only these cuts (others keep NaN latencies); null measures all. */
        public Builder cuts(List<Integer> cuts) {
            this.cuts = cuts == null ? null : List.copyOf(cuts);
            return this;
        }

        /** Receives progress after each cut. */
        public Builder listener(ProfileListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Seed of the random input; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ModelProfiler build() {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be >= 1, got " + runs);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
            }
            if (cuts != null && cuts.isEmpty()) {
                throw new IllegalArgumentException(
                        "the cut subset is empty: give at least one cut, or none to measure all");
            }
            return new ModelProfiler(this);
        }
    }
}
