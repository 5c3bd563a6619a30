package io.edgesplit.core.controller;

/**
 * One controller option: its full key, default (as text) and description, so a job or CLI can list,
 * document and parse them without repeating names.
 *
 * @param key full key, e.g. "edgesplit.controller.v"
 * @param defaultValue default as it would be written in a config file
 * @param description what it means, with units
 */
public record ConfigOption(String key, String defaultValue, String description) {}
