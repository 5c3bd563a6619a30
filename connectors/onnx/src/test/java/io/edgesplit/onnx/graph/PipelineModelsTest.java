package io.edgesplit.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.pipeline.LayerFacts;
import io.edgesplit.core.pipeline.PipelineModel;
import io.edgesplit.onnx.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class PipelineModelsTest {

    @Test
    void resNet18LayersCarryTheirWindowsAndWeights() {
        OnnxModel model = ModelZoo.build("resnet18");
        ModelAnalysis analysis = ModelAnalyzer.analyze(model, null);
        PipelineModel m = PipelineModels.of(model, analysis);
        GraphIndex index = GraphIndex.of(model);
        int stem = -1;
        int pool = -1;
        for (int pos = 0; pos < m.nodeCount(); pos++) {
            String op = m.graph().node(pos).opType();
            if (op.equals("Conv") && stem < 0) {
                stem = pos;
            }
            if (op.equals("MaxPool") && pool < 0) {
                pool = pos;
            }
        }
        // torchvision's stem: 7x7 conv, stride 2, pad 3 (64x3x7x7 fp32 weights); 3x3 max pool,
        // stride 2, pad 1
        LayerFacts conv = facts(model, analysis, index, stem);
        assertThat(conv).isEqualTo(LayerFacts.window(7, 2, 3, 1, conv.weightBytes()));
        assertThat(conv.weightBytes()).isGreaterThanOrEqualTo(4L * 64 * 3 * 7 * 7);
        assertThat(facts(model, analysis, index, pool)).isEqualTo(LayerFacts.window(3, 2, 1, 1, 0));
        // 11.7M parameters, nearly all in initializers read by conv and fc nodes
        assertThat(m.weightBytes(0, m.nodeCount())).isBetween(4L * 11_000_000, 4L * 12_000_000);
        // everything up to the global pool can be split by rows; the classifier cannot
        int end = m.splitEnd(0, m.nodeCount());
        assertThat(m.graph().node(end).opType()).isIn("GlobalAveragePool", "ReduceMean", "Flatten");
        assertThat(m.liveBytes(0)).isEqualTo(602_112);
    }

    private static LayerFacts facts(OnnxModel model, ModelAnalysis a, GraphIndex index, int pos) {
        int node = index.activationNodes().get(pos);
        long weights = 0;
        for (String in : index.graph().getNode(node).getInputList()) {
            for (var t : index.graph().getInitializerList()) {
                if (t.getName().equals(in)) {
                    long e = 4;
                    for (long d : t.getDimsList()) {
                        e *= d;
                    }
                    weights += e;
                }
            }
        }
        return PipelineModels.facts(index.graph().getNode(node), a, weights);
    }
}
