package dev.firewatch.alert;

import java.util.List;

/**
 * One rung of the incident severity ladder ({@code severities:} in the config), most severe first, and the
 * alert severities that land on it.
 */
public record IncidentSeveritySpec(String name, List<Severity> from) {
    /** The ladder when the config has none: DESIGN §3.1's SEV1 to SEV3. */
    public static final List<IncidentSeveritySpec> DEFAULTS = List.of(
            new IncidentSeveritySpec("SEV1", List.of(Severity.CRITICAL)),
            new IncidentSeveritySpec("SEV2", List.of(Severity.ERROR)),
            new IncidentSeveritySpec("SEV3", List.of(Severity.WARNING, Severity.INFO)));

    public IncidentSeveritySpec {
        from = List.copyOf(from);
    }
}
