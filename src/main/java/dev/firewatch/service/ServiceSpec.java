package dev.firewatch.service;

import java.util.List;

/**
 * Something Firewatch watches and pages for.
 *
 * @param integrationKey the key senders use on every intake endpoint to reach this service
 * @param channels names of channels that hear about this service's incidents
 */
public record ServiceSpec(String name, String description, String integrationKey, List<String> channels) {}
