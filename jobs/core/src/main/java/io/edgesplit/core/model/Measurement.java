package io.edgesplit.core.model;

/**
 * How a profile's latencies were measured.
 *
 * @param host host name or description of the machine
 * @param provider execution provider, e.g. "cpu" or "cuda"
 * @param threads intra-op threads
 * @param warmup warm-up runs discarded before timing
 * @param runs timed runs; latencies are their median
 */
public record Measurement(String host, String provider, int threads, int warmup, int runs) {}
