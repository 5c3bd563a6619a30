package io.edgesplit.job.inference;

import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.RunnerOptions;
import io.edgesplit.onnx.split.SplitModelCache;
import io.edgesplit.onnx.split.SplitModelCache.Part;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime sessions of one operator instance: head or tail sub-models per (model, cut),
 * opened on first use and kept in a least-recently-used cache of bounded size. Opened in the
 * operator's {@code open()}, closed in its {@code close()}; not thread-safe.
 */
public final class InferenceSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceSessions.class);

    private record Key(String modelId, Part part, int cut) {}

    private final ModelCatalog models;
    private final Map<String, String> profilesJson;
    private final RunnerOptions options;
    private final int capacity;
    private final Map<String, SplitModelCache> splits = new HashMap<>();
    private final LinkedHashMap<Key, ModelRunner> runners = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    public InferenceSessions(EdgeJobConfig config, RunnerOptions options) {
        this.models = new ModelCatalog(config.models());
        this.profilesJson = config.profilesJson();
        this.options = options;
        this.capacity = config.sessionCache();
    }

    public ModelRunner head(String modelId, int cut) {
        return runner(new Key(modelId, Part.HEAD, cut));
    }

    public ModelRunner tail(String modelId, int cut) {
        return runner(new Key(modelId, Part.TAIL, cut));
    }

    private ModelRunner runner(Key key) {
        if (closed) {
            throw new IllegalStateException("inference sessions are closed");
        }
        ModelRunner r = runners.get(key);
        if (r != null) {
            return r;
        }
        SplitModelCache split = splits.computeIfAbsent(key.modelId(), this::split);
        r = split.open(key.cut(), key.part(), options);
        runners.put(key, r);
        if (runners.size() > capacity) {
            Iterator<Map.Entry<Key, ModelRunner>> eldest = runners.entrySet().iterator();
            Map.Entry<Key, ModelRunner> e = eldest.next();
            eldest.remove();
            LOG.debug("closing least recently used session {}", e.getKey());
            e.getValue().close();
        }
        return r;
    }

    /** Loads and analyses a model, and checks that its profile names the same cut tensors. */
    private SplitModelCache split(String modelId) {
        SplitModelCache split = SplitModelCache.of(models.load(modelId));
        String json = profilesJson.get(modelId);
        if (json != null) {
            ProfileCheck.requireSameCuts(
                    ModelProfileJson.fromJson(json, "profile of " + modelId), split.analysis());
        }
        return split;
    }

    @Override
    public void close() {
        closed = true;
        RuntimeException failure = null;
        for (ModelRunner r : runners.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        runners.clear();
        splits.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
