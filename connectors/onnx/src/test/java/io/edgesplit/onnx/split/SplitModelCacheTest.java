package io.edgesplit.onnx.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.runtime.TensorData;
import io.edgesplit.onnx.testing.Tensors;
import io.edgesplit.onnx.zoo.ModelZoo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SplitModelCacheTest {

    private static final OnnxModel MODEL = ModelZoo.build("tiny-residual");
    private static final RunnerOptions OPTIONS = RunnerOptions.builder().intraOpThreads(1).build();

    @Test
    void servesTheSplittersBytes() {
        SplitModelCache cache = SplitModelCache.of(MODEL);
        ModelAnalysis analysis = cache.analysis();
        SplitModels expected = ModelSplitter.split(MODEL, analysis, 5);

        assertThat(bytes(cache.headBytes(5))).isEqualTo(expected.head().toBytes());
        assertThat(bytes(cache.tailBytes(5))).isEqualTo(expected.tail().toBytes());
        assertThat(cache.cutTensors(5)).isEqualTo(expected.cutTensors());
        assertThat(cache.split(5)).isSameAs(cache.split(5));
        assertThat(cache.cachedBytes())
                .isEqualTo(expected.head().toBytes().length + expected.tail().toBytes().length);
    }

    @Test
    void concurrentRequestsGetTheSameParts() throws Exception {
        SplitModelCache cache = SplitModelCache.of(MODEL);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ByteBuffer>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int cut = i % 2 == 0 ? 3 : 9;
                futures.add(pool.submit(() -> cache.tailBytes(cut)));
            }
            for (int i = 0; i < futures.size(); i++) {
                ByteBuffer expected = cache.tailBytes(i % 2 == 0 ? 3 : 9);
                assertThat(futures.get(i).get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        long tails =
                cache.split(3).tail().toBytes().length + cache.split(9).tail().toBytes().length;
        assertThat(cache.cachedBytes()).isEqualTo(tails);
    }

    @Test
    void evictsLeastRecentlyUsedPartsOverTheBudget() {
        SplitModelCache cache = new SplitModelCache(MODEL, SplitModelCache.of(MODEL).analysis(), 1);

        cache.tailBytes(2);
        cache.tailBytes(4);

        assertThat(cache.cachedBytes()).isEqualTo(cache.split(4).tail().toBytes().length);
        assertThat(bytes(cache.tailBytes(2))).isEqualTo(cache.split(2).tail().toBytes());
    }

    @Test
    void opensRunnersThatComposeToTheFullModel() {
        SplitModelCache cache = SplitModelCache.of(MODEL);
        TensorData x = Tensors.random(cache.analysis().input(), 1, 4);
        try (ModelRunner full = ModelRunner.open(MODEL, OPTIONS);
                ModelRunner head = cache.openHead(7, OPTIONS);
                ModelRunner tail = cache.openTail(7, OPTIONS)) {
            TensorData expected = full.run(x).get(0);

            TensorData actual = tail.run(head.run(x)).get(0);

            assertThat(Tensors.relativeError(actual, expected)).isLessThan(1e-5);
        }
    }

    @Test
    void rejectsCutsOutOfRangeAndBadBudgets() {
        SplitModelCache cache = SplitModelCache.of(MODEL);

        assertThatThrownBy(() -> cache.headBytes(cache.lastCut() + 1))
                .hasMessageContaining("valid cuts are 0.." + cache.lastCut());
        assertThatThrownBy(() -> new SplitModelCache(MODEL, cache.analysis(), 0))
                .hasMessage("maxCachedBytes must be > 0, got 0");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
