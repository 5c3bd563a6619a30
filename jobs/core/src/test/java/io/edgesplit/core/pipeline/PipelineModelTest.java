package io.edgesplit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PipelineModelTest {

    /** Two 3×3 convs (stride 1, pad 1) on 32 rows: conv0 at node 0, conv1 at node 1. */
    private static PipelineModel twoConvs() {
        return new TestPipelines.Chain("two", 4, 32).conv(8, 3, 1, 1).conv(8, 3, 1, 1).build();
    }

    @Test
    void haloRowsGrowBackThroughEveryWindow() {
        PipelineModel m = twoConvs();
        long conv0 = m.graph().node(0).macs();
        long conv1 = m.graph().node(1).macs();
        PipelineModel.Band top = m.band(0, 2, 0, 16);
        // output rows 0..15 need conv1's input rows 0..16 and the model input rows 0..17
        assertThat(top.macs()).isCloseTo(conv1 * 16 / 32.0 + conv0 * 17 / 32.0, within(1e-6));
        assertThat(top.inBytes()).isCloseTo(4 * 4 * 32 * 32 * 18 / 32.0, within(1e-6));
        assertThat(top.outBytes()).isCloseTo(4 * 8 * 32 * 32 * 16 / 32.0, within(1e-6));
        PipelineModel.Band middle = m.band(0, 2, 8, 24);
        assertThat(middle.inBytes()).isCloseTo(4 * 4 * 32 * 32 * 20 / 32.0, within(1e-6));
        PipelineModel.Band all = m.band(0, 2, 0, 32);
        assertThat(all.macs()).isCloseTo(conv0 + conv1, within(1e-6));
    }

    @Test
    void stridedWindowsMapRowsToTheirInputWindow() {
        LayerFacts conv = LayerFacts.window(3, 2, 1, 1, 0);
        assertThat(conv.inputRows(8, 16, 16, 32)).containsExactly(15, 32);
        assertThat(conv.inputRows(0, 8, 16, 32)).containsExactly(0, 16);
        LayerFacts pool = LayerFacts.window(2, 2, 0, 1, 0);
        assertThat(pool.inputRows(3, 5, 16, 32)).containsExactly(6, 10);
        LayerFacts dilated = LayerFacts.window(3, 1, 2, 2, 0);
        assertThat(dilated.inputRows(10, 12, 32, 32)).containsExactly(8, 14);
    }

    @Test
    void wholeLayersEndTheSplitPart() {
        PipelineModel m =
                new TestPipelines.Chain("c", 3, 16).conv(8, 3, 1, 1).relu().classifier(10).build();
        // nodes: conv 0, relu 1, global pool 2, gemm 3
        assertThat(m.splitEnd(0, 4)).isEqualTo(2);
        assertThat(m.splitEnd(2, 4)).isEqualTo(2);
        assertThat(m.splitEnd(0, 1)).isEqualTo(1);
        assertThat(m.cutCount()).isEqualTo(5);
        assertThat(m.liveBytes(0)).isEqualTo(4 * 3 * 16 * 16);
        assertThat(m.weightBytes(0, 4)).isEqualTo(4L * 8 * 3 * 9 + 4L * 8 * 10);
    }
}
