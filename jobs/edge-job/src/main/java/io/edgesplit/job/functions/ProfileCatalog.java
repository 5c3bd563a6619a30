package io.edgesplit.job.functions;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Model profiles known to an operator instance: those configured at submission, overridden by
 * updates from the profiles topic (broadcast state, as JSON). Parses each JSON text once and hands
 * out one {@link ModelProfile} instance per text, even when the same text arrives again.
 */
final class ProfileCatalog {

    private record Parsed(String json, ModelProfile profile) {}

    private final Map<String, String> initial;
    private final Map<String, Parsed> parsed = new HashMap<>();

    ProfileCatalog(Map<String, String> initialJson) {
        this.initial = initialJson;
    }

    /** The current profile of a model, or null if the model is unknown. */
    ModelProfile get(String modelId, String broadcastJson) {
        String json = broadcastJson != null ? broadcastJson : initial.get(modelId);
        if (json == null) {
            return null;
        }
        Parsed p = parsed.get(modelId);
        if (p == null || p.json() != json) {
            // a new text, or the same text in a new instance (a profile published again): compare
            // it once here and keep the instance, so later frames compare by identity instead of
            // reading the whole text each time
            ModelProfile profile =
                    p != null && p.json().equals(json)
                            ? p.profile()
                            : ModelProfileJson.fromJson(json, "for model '" + modelId + "'");
            p = new Parsed(json, profile);
            parsed.put(modelId, p);
        }
        return p.profile();
    }

    /** Comma-separated names of every known model, for error messages. */
    String knownModels(Iterable<Map.Entry<String, String>> broadcast) {
        TreeSet<String> names = new TreeSet<>(initial.keySet());
        for (Map.Entry<String, String> e : broadcast) {
            names.add(e.getKey());
        }
        return names.isEmpty() ? "no models" : String.join(", ", names);
    }
}
