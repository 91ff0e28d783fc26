package dev.firewatch.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Something Firewatch watches and pages for.
 *
 * @param integrationKey the key senders use on every intake endpoint to reach this service
 * @param channels names of channels that hear about this service's incidents
 * @param dependsOn names of services this one needs: while one of them has an open incident, this service's
 *     alerts join that incident as symptoms instead of paging on their own. The config refuses cycles.
 * @param groupBy labels whose values put alerts into one incident (alerts with the same values join the
 *     same open incident); empty means one incident per alert, as PagerDuty does without grouping
 * @param resolveTimeout how long a firing alert from this service's senders may go without a repeat before it
 *     resolves on its own (Alertmanager's {@code resolve_timeout}); empty means it waits for an explicit resolve
 */
public record ServiceSpec(
        String name,
        String description,
        String integrationKey,
        List<String> channels,
        List<String> dependsOn,
        List<String> groupBy,
        Optional<Duration> resolveTimeout) {
    public ServiceSpec {
        channels = List.copyOf(channels);
        dependsOn = List.copyOf(dependsOn);
        groupBy = List.copyOf(groupBy);
    }

    /** A service whose alerts wait for an explicit resolve. */
    public ServiceSpec(
            String name,
            String description,
            String integrationKey,
            List<String> channels,
            List<String> dependsOn,
            List<String> groupBy) {
        this(name, description, integrationKey, channels, dependsOn, groupBy, Optional.empty());
    }

    /** A service without grouping, for code that declares one by hand. */
    public ServiceSpec(
            String name, String description, String integrationKey, List<String> channels, List<String> dependsOn) {
        this(name, description, integrationKey, channels, dependsOn, List.of());
    }
}
