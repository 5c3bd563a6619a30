package io.edgesplit.onnx.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.OrtEnvironments;
import io.edgesplit.onnx.split.Stage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's stages (their layer ranges; a stage's devices are not emulated and its row split is
 * not executed: each stage runs whole) with ONNX Runtime, chained, and compares the last stage's
 * output with the full model's on the same frames.
 */
public final class PlanCheck {

    private PlanCheck() {}

    /**
     * What a check found.
     *
     * @param stages number of stages run
     * @param frames frames compared
     * @param maxRelativeError max over frames of max|staged − full| / max|full|
     * @param stageMs mean measured milliseconds per frame of each stage on this machine
     */
    public record Result(int stages, int frames, double maxRelativeError, double[] stageMs) {}

    /** The node positions where the plan's stages end, 0 first, validated against the model. */
    public static int[] stageEnds(JsonNode plan, ModelAnalysis analysis) {
        JsonNode stages = plan.get("stages");
        if (stages == null || !stages.isArray() || stages.isEmpty()) {
            throw new IllegalArgumentException(
                    "the plan has no stages (an infeasible plan cannot be run)");
        }
        int[] ends = new int[stages.size() + 1];
        for (int i = 0; i < stages.size(); i++) {
            int from = stages.get(i).path("fromNode").asInt(-1);
            int to = stages.get(i).path("toNode").asInt(-1);
            if (from != ends[i] || to <= from) {
                throw new IllegalArgumentException(
                        "plan stage "
                                + (i + 1)
                                + " runs nodes "
                                + from
                                + ".."
                                + (to - 1)
                                + ": stages must follow each other from node 0");
            }
            ends[i + 1] = to;
        }
        int n = analysis.graph().nodeCount();
        if (ends[ends.length - 1] != n) {
            throw new IllegalArgumentException(
                    "the plan ends at node "
                            + ends[ends.length - 1]
                            + " but model "
                            + analysis.modelId()
                            + " has "
                            + n
                            + " nodes: is it a plan of this model?");
        }
        return ends;
    }

    /** Runs {@code frames} random frames (fixed seed) through the stages and the full model. */
    public static Result check(OnnxModel model, ModelAnalysis analysis, int[] ends, int frames)
            throws Exception {
        OrtEnvironment env = OrtEnvironments.get();
        List<Stage> stages = SessionPipelines.split(model, analysis, ends);
        List<OnnxTensor> inputs = SessionPipelines.frames(env, analysis, frames);
        List<OrtSession> sessions = new ArrayList<>();
        double[] stageMs = new double[stages.size()];
        double worst = 0;
        try (OrtSession full = SessionPipelines.session(env, model, 1)) {
            for (Stage s : stages) {
                sessions.add(SessionPipelines.session(env, s.model(), 1));
            }
            String input = analysis.input().name();
            for (OnnxTensor frame : inputs) {
                float[] expected;
                try (OrtSession.Result r = full.run(Map.of(input, frame))) {
                    expected = floats((OnnxTensor) r.get(0));
                }
                worst =
                        Math.max(
                                worst,
                                relativeError(
                                        runStages(stages, sessions, frame, input, stageMs),
                                        expected));
            }
        } finally {
            for (OrtSession s : sessions) {
                s.close();
            }
            inputs.forEach(OnnxTensor::close);
        }
        for (int i = 0; i < stageMs.length; i++) {
            stageMs[i] /= frames;
        }
        return new Result(stages.size(), frames, worst, stageMs);
    }

    private static float[] runStages(
            List<Stage> stages,
            List<OrtSession> sessions,
            OnnxTensor frame,
            String input,
            double[] stageMs)
            throws Exception {
        Map<String, OnnxTensor> values = new HashMap<>();
        values.put(input, frame);
        List<OrtSession.Result> open = new ArrayList<>();
        try {
            for (int i = 0; i < stages.size(); i++) {
                Map<String, OnnxTensor> feed = new HashMap<>();
                for (var spec : stages.get(i).inputs()) {
                    feed.put(spec.name(), values.get(spec.name()));
                }
                long t0 = System.nanoTime();
                OrtSession.Result r = sessions.get(i).run(feed);
                stageMs[i] += (System.nanoTime() - t0) / 1e6;
                open.add(r);
                for (Map.Entry<String, OnnxValue> e : r) {
                    values.put(e.getKey(), (OnnxTensor) e.getValue());
                }
            }
            String out = stages.get(stages.size() - 1).outputs().get(0).name();
            return floats(values.get(out));
        } finally {
            open.forEach(OrtSession.Result::close);
        }
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }

    static double relativeError(float[] actual, float[] expected) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
