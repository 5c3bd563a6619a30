package io.edgesplit.job.functions;

import io.edgesplit.onnx.cli.ModelSource;
import io.edgesplit.onnx.graph.OnnxModel;
import java.util.Map;

/** Resolves the job's model ids to ONNX models: a built-in zoo name or a path to an .onnx file. */
final class ModelCatalog {

    private final Map<String, String> sources;

    ModelCatalog(Map<String, String> sources) {
        this.sources = sources;
    }

    OnnxModel load(String modelId) {
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
