package io.edgesplit.job.inference;

import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.zoo.ModelSource;
import java.util.Map;

/** Resolves the job's model ids to ONNX models: a built-in zoo name or a path to an .onnx file. */
public final class ModelCatalog {

    private final Map<String, String> sources;

    public ModelCatalog(Map<String, String> sources) {
        this.sources = sources;
    }

    public OnnxModel load(String modelId) {
        String source = sources.get(modelId);
        if (source == null) {
            throw new IllegalArgumentException(
                    "unknown model '"
                            + modelId
                            + "': this job serves "
                            + String.join(", ", sources.keySet()));
        }
        return ModelSource.resolve(source);
    }
}
