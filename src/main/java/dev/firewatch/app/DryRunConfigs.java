package dev.firewatch.app;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.paging.DryRunConfig;

/** The parts of a loaded config that paging's dry run and dead-end checks read. */
public final class DryRunConfigs {
    private DryRunConfigs() {}

    public static DryRunConfig of(FirewatchConfig config) {
        return new DryRunConfig(
                config.services(),
                config.severities().stream().map(IncidentSeveritySpec::name).toList(),
                config.escalationPolicies(),
                config.schedules(),
                config.people(),
                config.channels(),
                config.notifications().smtp().isPresent());
    }
}
