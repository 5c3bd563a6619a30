package io.edgesplit.job.events;

/**
 * A model profile published on the profiles topic, kept as validated JSON (broadcast state holds
 * plain strings so nothing falls back to Kryo).
 *
 * @param modelId model the profile is for
 * @param profileJson {@link io.edgesplit.core.model.ModelProfileJson} form
 */
public record ProfileUpdate(String modelId, String profileJson) {}
