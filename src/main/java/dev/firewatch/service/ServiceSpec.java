package dev.firewatch.service;

import java.util.List;

/**
 * Something Firewatch watches and pages for.
 *
 * @param integrationKey the key senders use on every intake endpoint to reach this service
 * @param channels names of channels that hear about this service's incidents
 * @param dependsOn names of services this one needs: while one of them has an open incident, this service's
 *     alerts join that incident as symptoms instead of paging on their own. The config refuses cycles.
 * @param groupBy labels whose values put alerts into one incident (alerts with the same values join the
 *     same open incident); empty means one incident per alert, as PagerDuty does without grouping
 */
public record ServiceSpec(
        String name,
        String description,
        String integrationKey,
        List<String> channels,
        List<String> dependsOn,
        List<String> groupBy) {
    public ServiceSpec {
        channels = List.copyOf(channels);
        dependsOn = List.copyOf(dependsOn);
        groupBy = List.copyOf(groupBy);
    }

    /** A service without grouping, for code that declares one by hand. */
    public ServiceSpec(
            String name, String description, String integrationKey, List<String> channels, List<String> dependsOn) {
        this(name, description, integrationKey, channels, dependsOn, List.of());
    }
}
