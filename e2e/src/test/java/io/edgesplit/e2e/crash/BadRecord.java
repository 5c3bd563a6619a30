package io.edgesplit.e2e.crash;

/**
 * A record injected into the trace that the job cannot decode and must turn into a dead letter.
 *
 * @param role input role of its topic ({@code frames} or {@code telemetry})
 * @param key its key (a device id)
 * @param value its bytes, as ISO-8859-1 text (one char per byte)
 * @param kind what is wrong with it
 * @param timestamp the trace timestamp it was placed at
 */
record BadRecord(String role, String key, String value, String kind, long timestamp) {}
