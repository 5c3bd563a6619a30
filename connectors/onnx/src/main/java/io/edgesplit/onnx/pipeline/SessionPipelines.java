package io.edgesplit.onnx.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgesplit.core.graph.Partition;
import io.edgesplit.core.pipeline.Provisioning;
import io.edgesplit.onnx.graph.Cut;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.OrtEnvironments;
import io.edgesplit.onnx.split.ModelSplitter;
import io.edgesplit.onnx.split.Stage;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Provisioning (Al Maruf et al.) measured for real on this machine: cuts the model into m blocks of
 * about equal MACs, measures each block with ONNX Runtime at 1..cores intra-op threads (median of
 * 10 runs), lets {@link Provisioning} choose the partitions and their threads, runs those
 * partitions as a pipeline of sessions (one thread each, bounded queues of 2) and, on the same
 * frames in the same run, one session with every core; prints both throughputs, their ratio, and
 * the predicted plans for more cores (Amdahl extrapolation of the measured block times).
 *
 * <p>Used by {@code edgesplit plan --cores N} and the harness {@code
 * io.edgesplit.onnx.bench.ProvisioningRun}.
 */
public final class SessionPipelines {

    private SessionPipelines() {}

    /**
     * Measures, plans, runs and compares as described above, printing to {@code out}.
     *
     * @param measureCores threads measured and run on this machine (at most its cores)
     * @param cores the cores to plan for; above {@code measureCores} only predicted
     */
    public static void run(
            OnnxModel model,
            ModelAnalysis analysis,
            int measureCores,
            int cores,
            int blocks,
            int frames,
            PrintWriter out)
            throws Exception {
        String name = model.name();
        int[] ends = blockEnds(analysis, blocks);
        OrtEnvironment env = OrtEnvironments.get();
        List<OnnxTensor> inputs = frames(env, analysis, frames);
        double[][] measured =
                measureBlocks(env, model, analysis, ends, measureCores, inputs.get(0));
        Provisioning.Plan plan = Provisioning.plan(measured, measureCores, blocks);
        out.printf(
                Locale.ROOT,
                "%s, %d blocks, block ms at 1..%d threads: %s%n",
                name,
                ends.length - 1,
                measureCores,
                Arrays.deepToString(round(measured)));
        int[] stageEnds = new int[plan.partitions() + 1];
        for (int i = 0; i <= plan.partitions(); i++) {
            stageEnds[i] = ends[plan.blockEnds()[i]];
        }
        out.printf(
                Locale.ROOT,
                "chosen: %d partitions, threads %s, node ends %s, predicted %.2f frames/s%n",
                plan.partitions(),
                Arrays.toString(plan.threads()),
                Arrays.toString(stageEnds),
                plan.predictedFps());
        List<Stage> stages = split(model, analysis, stageEnds);
        double pipelined = runPipeline(env, stages, plan.threads(), inputs);
        double single = runSingle(env, model, measureCores, inputs);
        out.printf(
                Locale.ROOT,
                "measured on %d frames: pipeline %.2f frames/s, one session with %d threads %.2f"
                        + " frames/s, ratio %.3f%n",
                frames,
                pipelined,
                measureCores,
                single,
                pipelined / single);
        if (plan.partitions() == 1 && measureCores > 1) {
            compareTwoPartitions(env, model, analysis, ends, measured, measureCores, inputs, out);
        }
        predict(measured, measureCores, cores, blocks, out);
    }

    /** When one partition won: the best two-partition pipeline, measured against one session. */
    private static void compareTwoPartitions(
            OrtEnvironment env,
            OnnxModel model,
            ModelAnalysis analysis,
            int[] ends,
            double[][] measured,
            int measureCores,
            List<OnnxTensor> inputs,
            PrintWriter out)
            throws Exception {
        Provisioning.Plan two = Provisioning.planExactly(measured, measureCores, 2);
        int[] twoEnds = {0, ends[two.blockEnds()[1]], ends[ends.length - 1]};
        double measuredTwo =
                runPipeline(env, split(model, analysis, twoEnds), two.threads(), inputs);
        double singleAgain = runSingle(env, model, measureCores, inputs);
        out.printf(
                Locale.ROOT,
                "best 2-partition pipeline (threads %s, node ends %s): predicted %.2f frames/s,"
                        + " measured %.2f frames/s; one session with %d threads again %.2f"
                        + " frames/s, ratio %.3f%n",
                Arrays.toString(two.threads()),
                Arrays.toString(twoEnds),
                two.predictedFps(),
                measuredTwo,
                measureCores,
                singleAgain,
                measuredTwo / singleAgain);
    }

    /**
     * Plans for 4, 8, 16 and {@code cores} cores from the measured times (Amdahl extrapolation).
     */
    private static void predict(
            double[][] measured, int measureCores, int cores, int blocks, PrintWriter out) {
        TreeSet<Integer> targets = new TreeSet<>(List.of(4, 8, 16));
        targets.add(cores);
        for (int more : targets) {
            if (more <= measureCores) {
                continue;
            }
            double[][] extrapolated = Provisioning.extrapolate(measured, more);
            Provisioning.Plan p = Provisioning.plan(extrapolated, more, blocks);
            Provisioning.Plan one = Provisioning.plan(extrapolated, more, 1);
            out.printf(
                    Locale.ROOT,
                    "predicted for %d cores: %d partitions, threads %s, %.2f frames/s; one"
                            + " partition with %d threads %.2f frames/s%n",
                    more,
                    p.partitions(),
                    Arrays.toString(p.threads()),
                    p.predictedFps(),
                    one.threads()[0],
                    one.predictedFps());
        }
    }

    /** Node positions of m blocks of about equal MACs, from the analysis' cuts. */
    public static int[] blockEnds(ModelAnalysis a, int blocks) {
        List<Integer> ends = new ArrayList<>();
        ends.add(0);
        for (int i = 1; i < blocks; i++) {
            double target = a.totalMacs() * (double) i / blocks;
            Cut best = null;
            for (Cut c : a.cuts()) {
                if (!c.prefix()) {
                    continue;
                }
                if (best == null
                        || Math.abs(c.headMacs() - target) < Math.abs(best.headMacs() - target)) {
                    best = c;
                }
            }
            if (best.position() > ends.get(ends.size() - 1)
                    && best.position() < a.graph().nodeCount()) {
                ends.add(best.position());
            }
        }
        ends.add(a.graph().nodeCount());
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    public static List<Stage> split(OnnxModel model, ModelAnalysis a, int[] ends) {
        int[] partyOf = new int[a.graph().nodeCount()];
        List<String> parties = new ArrayList<>();
        for (int s = 0; s + 1 < ends.length; s++) {
            parties.add("p" + s);
            Arrays.fill(partyOf, ends[s], ends[s + 1], s);
        }
        if (parties.size() == 1) {
            return List.of(new Stage("p0", model, List.of(a.input()), List.of(a.output())));
        }
        return ModelSplitter.split(model, a, Partition.of(a.graph(), parties, partyOf));
    }

    public static List<OnnxTensor> frames(OrtEnvironment env, ModelAnalysis a, int n)
            throws OrtException {
        SplittableRandom r = new SplittableRandom(1);
        List<OnnxTensor> out = new ArrayList<>();
        long[] shape = a.input().shape();
        int size = (int) a.input().elements();
        for (int f = 0; f < n; f++) {
            float[] v = new float[size];
            for (int i = 0; i < size; i++) {
                v[i] = (float) r.nextDouble(-1, 1);
            }
            out.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape));
        }
        return out;
    }

    public static OrtSession session(OrtEnvironment env, OnnxModel m, int threads)
            throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            return env.createSession(m.toBytes(), o);
        }
    }

    /** Median ms of each block at 1..cores threads, fed with the real activations of one frame. */
    public static double[][] measureBlocks(
            OrtEnvironment env,
            OnnxModel model,
            ModelAnalysis a,
            int[] ends,
            int cores,
            OnnxTensor frame)
            throws OrtException {
        List<Stage> blocks = split(model, a, ends);
        double[][] ms = new double[blocks.size()][cores];
        Map<String, OnnxTensor> values = new HashMap<>();
        values.put(a.input().name(), frame);
        List<OrtSession.Result> keep = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Map<String, OnnxTensor> in = new HashMap<>();
            for (var spec : blocks.get(b).inputs()) {
                in.put(spec.name(), values.get(spec.name()));
            }
            for (int t = 1; t <= cores; t++) {
                try (OrtSession s = session(env, blocks.get(b).model(), t)) {
                    double[] runs = new double[12];
                    for (int i = 0; i < runs.length; i++) {
                        long t0 = System.nanoTime();
                        s.run(in).close();
                        runs[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    double[] timed = Arrays.copyOfRange(runs, 2, runs.length);
                    Arrays.sort(timed);
                    ms[b][t - 1] = timed[timed.length / 2] / 1e3;
                }
            }
            try (OrtSession s = session(env, blocks.get(b).model(), 1)) {
                OrtSession.Result r = s.run(in);
                keep.add(r);
                for (Map.Entry<String, OnnxValue> e : r) {
                    values.put(e.getKey(), (OnnxTensor) e.getValue());
                }
            }
        }
        keep.forEach(OrtSession.Result::close);
        return ms;
    }

    private static double[][] round(double[][] s) {
        double[][] out = new double[s.length][];
        for (int b = 0; b < s.length; b++) {
            out[b] = Arrays.stream(s[b]).map(v -> Math.round(v * 1e5) / 1e2).toArray();
        }
        return out;
    }

    private record Item(Map<String, OnnxTensor> values, OrtSession.Result owner) {}

    private static final Item END = new Item(Map.of(), null);

    /** Frames per second of the stages run as a pipeline (one thread per stage). */
    public static double runPipeline(
            OrtEnvironment env, List<Stage> stages, int[] threads, List<OnnxTensor> frames)
            throws Exception {
        int k = stages.size();
        List<OrtSession> sessions = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            sessions.add(session(env, stages.get(i).model(), threads[i]));
        }
        List<BlockingQueue<Item>> queues = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            queues.add(new ArrayBlockingQueue<>(2));
        }
        List<Thread> workers = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int i = 0; i < k; i++) {
            int stage = i;
            Thread w =
                    new Thread(
                            () -> {
                                try {
                                    work(
                                            sessions.get(stage),
                                            stages.get(stage),
                                            queues.get(stage),
                                            queues.get(stage + 1));
                                } catch (Exception e) {
                                    failure[0] = e;
                                }
                            },
                            "stage-" + i);
            workers.add(w);
        }
        String input = stages.get(0).inputs().get(0).name();
        for (int i = 0; i < 3; i++) {
            sessions.get(0).run(Map.of(input, frames.get(0))).close();
        }
        long t0 = System.nanoTime();
        workers.forEach(Thread::start);
        Thread feeder =
                new Thread(
                        () -> {
                            try {
                                for (OnnxTensor f : frames) {
                                    queues.get(0).put(new Item(Map.of(input, f), null));
                                }
                                queues.get(0).put(END);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        feeder.start();
        int done = 0;
        while (true) {
            Item it = queues.get(k).take();
            if (it == END) {
                break;
            }
            it.owner().close();
            done++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Thread w : workers) {
            w.join();
        }
        for (OrtSession s : sessions) {
            s.close();
        }
        if (failure[0] != null || done != frames.size()) {
            throw new IllegalStateException(
                    "pipeline failed after " + done + " frames", failure[0]);
        }
        return done / seconds;
    }

    private static void work(
            OrtSession s, Stage stage, BlockingQueue<Item> in, BlockingQueue<Item> out)
            throws Exception {
        while (true) {
            Item it = in.take();
            if (it == END) {
                out.put(END);
                return;
            }
            Map<String, OnnxTensor> feed = new HashMap<>();
            for (var spec : stage.inputs()) {
                feed.put(spec.name(), it.values().get(spec.name()));
            }
            OrtSession.Result r = s.run(feed);
            if (it.owner() != null) {
                it.owner().close();
            }
            Map<String, OnnxTensor> next = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : r) {
                next.put(e.getKey(), (OnnxTensor) e.getValue());
            }
            out.put(new Item(next, r));
        }
    }

    /** Frames per second of one session of the whole model with {@code threads} threads. */
    public static double runSingle(
            OrtEnvironment env, OnnxModel model, int threads, List<OnnxTensor> frames)
            throws OrtException {
        try (OrtSession s = session(env, model, threads)) {
            String input = s.getInputNames().iterator().next();
            for (int i = 0; i < 3; i++) {
                s.run(Map.of(input, frames.get(0))).close();
            }
            long t0 = System.nanoTime();
            for (OnnxTensor f : frames) {
                s.run(Map.of(input, f)).close();
            }
            return frames.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
