package dev.firewatch.config;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.Severity;
import dev.firewatch.spelling.DidYouMean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code severities:}, the incident severity ladder, most severe first, as written and checked; see
 * {@link ServerSection} for the two steps. Every alert severity must land on exactly one rung, so an incident
 * always has a severity.
 */
record SeveritiesSection(List<Rung> rungs) {
    static final List<String> KEYS = List.of("name", "from");
    static final SeveritiesSection ABSENT = new SeveritiesSection(List.of());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> ALERT_SEVERITIES =
            Arrays.stream(Severity.values()).map(Severity::wireName).toList();

    /** One rung; an empty name means it had a problem that is already reported. */
    record Rung(Optional<Scalar> name, List<Severity> from) {}

    static SeveritiesSection read(List<Node> entries, Mark at, Reading reading) {
        if (entries.isEmpty()) {
            reading.problems().error(at, "severities: expected at least one rung, like {name: SEV1, from: [critical]}");
            return ABSENT;
        }
        int errorsBefore = reading.problems().errors().size();
        List<Rung> rungs = new ArrayList<>();
        Map<Severity, Scalar> landsOn = new EnumMap<>(Severity.class);
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(entries.get(i), "severities[" + i + "]", "a rung like {name: SEV1, from: [critical]}")
                    .map(entry -> rung(entry, landsOn))
                    .ifPresent(rungs::add);
        }
        EntryName.requireUnique(
                rungs.stream().flatMap(r -> r.name().stream()).toList(), "severity", reading.problems());
        // A rung with a mistake may be the one meant to take a severity: one error for it is enough.
        boolean rungsAreWhole = reading.problems().errors().size() == errorsBefore;
        for (Severity severity : Severity.values()) {
            if (!landsOn.containsKey(severity) && rungsAreWhole) {
                reading.problems()
                        .error(
                                at,
                                "severities: alert severity " + severity.wireName()
                                        + " lands on no rung; add it to the from list of one");
            }
        }
        return new SeveritiesSection(List.copyOf(rungs));
    }

    private static Rung rung(Mapping entry, Map<Severity, Scalar> landsOn) {
        entry.allowOnly(KEYS);
        Optional<Scalar> name = Optional.empty();
        if (!entry.has("name")) {
            entry.error(entry.at(), entry.path() + ": name is missing; add one, like name: SEV1");
        } else {
            name = entry.text("name", "a severity name like SEV1").filter(written -> {
                if (NAME.matcher(written.value()).matches()) {
                    return true;
                }
                entry.error(
                        written.at(),
                        entry.path("name") + ": expected a name of letters, digits, '.', '_' and '-', like SEV1,"
                                + " found " + written.shown());
                return false;
            });
        }
        List<Severity> from = new ArrayList<>();
        entry.list("from", "a list of alert severities like [critical]").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String path = entry.path("from") + "[" + i + "]";
                entry.reading()
                        .scalar(items.get(i), path, "an alert severity: critical, error, warning or info")
                        .flatMap(written -> alertSeverity(written, path, entry, landsOn))
                        .ifPresent(from::add);
            }
        });
        return new Rung(name, List.copyOf(from));
    }

    private static Optional<Severity> alertSeverity(
            Scalar written, String path, Mapping entry, Map<Severity, Scalar> landsOn) {
        var severity = Severity.parse(written.value());
        if (severity.isEmpty()) {
            String help = written.fromEnvironment() ? "" : DidYouMean.hint(written.value(), ALERT_SEVERITIES);
            entry.error(
                    written.at(),
                    path + ": unknown alert severity " + written.shown()
                            + (help.isEmpty() ? "; expected critical, error, warning or info" : help));
            return Optional.empty();
        }
        Scalar earlier = landsOn.putIfAbsent(severity.get(), written);
        if (earlier != null) {
            entry.error(
                    written.at(),
                    path + ": alert severity " + written.value() + " already lands on the rung on line "
                            + (earlier.at().getLine() + 1) + "; each goes on one rung");
            return Optional.empty();
        }
        return severity;
    }

    /** The rung names as declared; empty when the section is absent, so the default ladder applies. */
    List<String> names() {
        return (rungs.isEmpty()
                ? IncidentSeveritySpec.DEFAULTS.stream()
                        .map(IncidentSeveritySpec::name)
                        .toList()
                : rungs.stream()
                        .flatMap(r -> r.name().stream())
                        .map(Scalar::value)
                        .toList());
    }

    List<IncidentSeveritySpec> specs() {
        if (rungs.isEmpty()) {
            return IncidentSeveritySpec.DEFAULTS;
        }
        return rungs.stream()
                .map(rung -> new IncidentSeveritySpec(rung.name().orElseThrow().value(), rung.from()))
                .toList();
    }
}
