package io.edgesplit.onnx.split;

import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits one model lazily and caches the serialized head and tail of each cut.
 *
 * <p>Thread-safe: concurrent requests for the same part wait for one serialization; requests for
 * different parts proceed in parallel. Serialized parts are kept up to {@code maxCachedBytes} in
 * total (least recently used evicted first; the most recent part is always kept). Split models
 * themselves are cheap (they share the weights of the original) and are kept for every cut used.
 */
public final class SplitModelCache {

    /** Default budget for serialized parts: 1 GiB. */
    public static final long DEFAULT_MAX_CACHED_BYTES = 1L << 30;

    /** Which side of a cut: the head runs on the device, the tail on the edge. */
    public enum Part {
        HEAD,
        TAIL
    }

    private record Key(int cut, Part part) {}

    private final OnnxModel model;
    private final ModelAnalysis analysis;
    private final long maxCachedBytes;
    private final Map<Integer, SplitModels> splits = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<byte[]>> serialized = new ConcurrentHashMap<>();
    private final LinkedHashMap<Key, Integer> recency = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    /** A cache over an analysed model with the default byte budget. */
    public SplitModelCache(OnnxModel model, ModelAnalysis analysis) {
        this(model, analysis, DEFAULT_MAX_CACHED_BYTES);
    }

    /**
     * A cache over an analysed model keeping at most {@code maxCachedBytes} of serialized parts.
     */
    public SplitModelCache(OnnxModel model, ModelAnalysis analysis, long maxCachedBytes) {
        this.model = Objects.requireNonNull(model, "model");
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        if (maxCachedBytes <= 0) {
            throw new IllegalArgumentException("maxCachedBytes must be > 0, got " + maxCachedBytes);
        }
        this.maxCachedBytes = maxCachedBytes;
    }

    /** Analyses {@code model} at its declared input shape and caches its splits. */
    public static SplitModelCache of(OnnxModel model) {
        return new SplitModelCache(model, ModelAnalyzer.analyze(model, null));
    }

    /** The model being split. */
    public OnnxModel model() {
        return model;
    }

    /** The analysis the cuts come from. */
    public ModelAnalysis analysis() {
        return analysis;
    }

    /** Index of the last cut. */
    public int lastCut() {
        return analysis.lastCut();
    }

    /** Tensors crossing a cut. */
    public List<TensorSpec> cutTensors(int cut) {
        return analysis.cut(cut).tensors();
    }

    /** The split at {@code cut}, computed once. */
    public SplitModels split(int cut) {
        analysis.cut(cut);
        return splits.computeIfAbsent(cut, c -> ModelSplitter.split(model, analysis, c));
    }

    /** The serialized head at {@code cut} (read-only view, not copied). */
    public ByteBuffer headBytes(int cut) {
        return ByteBuffer.wrap(bytes(new Key(cut, Part.HEAD))).asReadOnlyBuffer();
    }

    /** The serialized tail at {@code cut} (read-only view, not copied). */
    public ByteBuffer tailBytes(int cut) {
        return ByteBuffer.wrap(bytes(new Key(cut, Part.TAIL))).asReadOnlyBuffer();
    }

    /** Opens an ONNX Runtime session over one side of {@code cut}; the caller closes it. */
    public ModelRunner open(int cut, Part part, RunnerOptions options) {
        return part == Part.HEAD ? openHead(cut, options) : openTail(cut, options);
    }

    /** Opens an ONNX Runtime session over the head at {@code cut}; the caller closes it. */
    public ModelRunner openHead(int cut, RunnerOptions options) {
        return ModelRunner.open(bytes(new Key(cut, Part.HEAD)), split(cut).head().name(), options);
    }

    /** Opens an ONNX Runtime session over the tail at {@code cut}; the caller closes it. */
    public ModelRunner openTail(int cut, RunnerOptions options) {
        return ModelRunner.open(bytes(new Key(cut, Part.TAIL)), split(cut).tail().name(), options);
    }

    /** Bytes of serialized parts currently cached. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    private byte[] bytes(Key key) {
        SplitModels split = split(key.cut());
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> existing = serialized.putIfAbsent(key, mine);
        if (existing != null) {
            touch(key);
            try {
                return existing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }
        byte[] bytes;
        try {
            bytes = (key.part() == Part.HEAD ? split.head() : split.tail()).toBytes();
        } catch (RuntimeException e) {
            serialized.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        mine.complete(bytes);
        record(key, bytes.length);
        return bytes;
    }

    private synchronized void touch(Key key) {
        recency.get(key);
    }

    private synchronized void record(Key key, int size) {
        recency.put(key, size);
        cachedBytes += size;
        Iterator<Map.Entry<Key, Integer>> eldest = recency.entrySet().iterator();
        while (cachedBytes > maxCachedBytes && recency.size() > 1) {
            Map.Entry<Key, Integer> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            cachedBytes -= e.getValue();
            serialized.remove(e.getKey());
            eldest.remove();
        }
    }
}
