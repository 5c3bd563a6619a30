package io.edgesplit.onnx.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import io.edgesplit.core.pipeline.Provisioning;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.OrtEnvironments;
import io.edgesplit.onnx.split.Stage;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provisioning harness on a tiny real model: blocks, measured times, a real pipeline. */
class SessionPipelinesTest {

    @Test
    void measuresBlocksAndRunsEveryFrameThroughAPipelineOfSessions() throws Exception {
        OnnxModel model = ModelZoo.build("tiny-residual");
        ModelAnalysis a = ModelAnalyzer.analyze(model, null);
        int[] ends = SessionPipelines.blockEnds(a, 3);
        assertThat(ends[0]).isZero();
        assertThat(ends[ends.length - 1]).isEqualTo(a.graph().nodeCount());
        assertThat(ends).isSorted().doesNotHaveDuplicates();
        OrtEnvironment env = OrtEnvironments.get();
        List<OnnxTensor> frames = SessionPipelines.frames(env, a, 8);
        double[][] ms = SessionPipelines.measureBlocks(env, model, a, ends, 2, frames.get(0));
        assertThat(ms).hasNumberOfRows(ends.length - 1);
        Provisioning.Plan plan = Provisioning.planExactly(ms, 2, 2);
        int[] stageEnds = {0, ends[plan.blockEnds()[1]], ends[ends.length - 1]};
        List<Stage> stages = SessionPipelines.split(model, a, stageEnds);
        assertThat(stages).hasSize(2);
        // runPipeline throws unless every frame came out of the last stage
        assertThat(SessionPipelines.runPipeline(env, stages, plan.threads(), frames)).isPositive();
        assertThat(SessionPipelines.runSingle(env, model, 2, frames)).isPositive();
        frames.forEach(OnnxTensor::close);
    }
}
