package dev.firewatch.alert.route;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The incident severity ladder: SEV1 is the top rung. An alert's own severity ({@code critical} ...) lands on
 * a rung unless a route forces one. The config guarantees every alert severity has exactly one rung.
 */
public final class SeverityLadder {
    private final List<String> names;
    private final Map<Severity, String> rungOf = new EnumMap<>(Severity.class);

    public SeverityLadder(List<IncidentSeveritySpec> rungs) {
        this.names = rungs.stream().map(IncidentSeveritySpec::name).toList();
        for (IncidentSeveritySpec rung : rungs) {
            rung.from().forEach(severity -> rungOf.putIfAbsent(severity, rung.name()));
        }
        for (Severity severity : Severity.values()) {
            if (!rungOf.containsKey(severity)) {
                throw new IllegalArgumentException("no rung of the ladder takes alert severity " + severity.wireName());
            }
        }
    }

    /** The rung an alert of this severity lands on when no route forces one. */
    public String of(Severity alertSeverity) {
        return rungOf.get(alertSeverity);
    }

    /** The incident severity for an alert routed this way: the route's, or the ladder's. */
    public String of(Routing.Destination destination, Severity alertSeverity) {
        return destination.severity().orElseGet(() -> of(alertSeverity));
    }

    /** The rung names, most severe first. */
    public List<String> names() {
        return names;
    }

    /** 0 for the top rung; lower is more severe, so the highest of several is the minimum. */
    public int rank(String name) {
        int rank = names.indexOf(name);
        if (rank < 0) {
            throw new IllegalArgumentException("not on the severity ladder: " + name + "; the ladder is " + names);
        }
        return rank;
    }
}
