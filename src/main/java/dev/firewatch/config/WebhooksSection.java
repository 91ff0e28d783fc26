package dev.firewatch.config;

import dev.firewatch.alert.Parsed;
import dev.firewatch.alert.Severity;
import dev.firewatch.intake.FieldTemplate;
import dev.firewatch.intake.SeverityNames;
import dev.firewatch.intake.WebhookAction;
import dev.firewatch.intake.WebhookMapping;
import dev.firewatch.intake.WebhookSignature;
import dev.firewatch.intake.WebhookSpec;
import dev.firewatch.spelling.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A service's {@code webhooks:}, as written and checked: each a key for
 * {@code /api/v1/integrations/webhook/{key}} and the rules that read a sender's body. Every selector is parsed
 * here, so a mistake in one is an error in the file, at its column, rather than a surprise at the first event.
 */
final class WebhooksSection {
    static final List<String> KEYS = List.of(
            "name",
            "key",
            "summary",
            "severity",
            "severity_map",
            "default_severity",
            "dedup_key",
            "action",
            "action_map",
            "labels",
            "annotations",
            "signature");

    /** Characters that need no escaping in a URL path, so the key can be pasted into a sender's settings as it is. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]+");

    private static final String TEMPLATE = "a selector like $.data.title, or text with {$...} in it";
    private static final Map<String, Severity> SEVERITIES = SeverityNames.BY_NAME;

    /**
     * One entry; what is empty had a problem that is already reported.
     *
     * @param name as written, or {@code webhook} for a service's only webhook when it has none
     */
    record Webhook(
            String path,
            Scalar name,
            Optional<Scalar> key,
            Optional<WebhookMapping> mapping,
            Optional<WebhookSignature> signature) {
        WebhookSpec spec(String service) {
            return new WebhookSpec(service, name.value(), key.orElseThrow().value(), mapping.orElseThrow(), signature);
        }
    }

    private WebhooksSection() {}

    static List<Webhook> read(Mapping service) {
        var entries = service.list("webhooks", "a list of webhooks like [{name: sentry, key: ..., summary: $.title}]");
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Webhook> webhooks = new ArrayList<>();
        for (int i = 0; i < entries.get().size(); i++) {
            service.reading()
                    .mapping(
                            entries.get().get(i),
                            service.path("webhooks") + "[" + i + "]",
                            "a webhook like {name: sentry, key: ..., summary: $.title}")
                    .flatMap(entry -> webhook(entry, entries.get().size() > 1))
                    .ifPresent(webhooks::add);
        }
        EntryName.requireUnique(
                webhooks.stream().map(Webhook::name).toList(),
                "webhook",
                service.reading().problems());
        return List.copyOf(webhooks);
    }

    private static Optional<Webhook> webhook(Mapping entry, boolean several) {
        entry.allowOnly(KEYS);
        Optional<Scalar> name;
        if (entry.has("name")) {
            name = EntryName.read(entry, "sentry");
        } else if (several) {
            entry.error(
                    entry.at(),
                    entry.path() + ": name is missing; a service with several webhooks needs a name for each,"
                            + " like name: sentry");
            name = Optional.empty();
        } else {
            name = Optional.of(new Scalar("webhook", entry.at(), List.of(), List.of()));
        }
        var key = key(entry);
        var mapping = mapping(entry);
        var signature = entry.mapping(
                        "signature", "a mapping like {header: X-Hub-Signature-256, secret: ${SECRET}, prefix: sha256=}")
                .flatMap(SignatureSection::read);
        return name.map(n -> new Webhook(entry.path(), n, key, mapping, signature));
    }

    private static Optional<Scalar> key(Mapping entry) {
        if (!required(
                entry,
                "key",
                "every webhook needs its own key, which goes in the URL /api/v1/integrations/webhook/{key}")) {
            return Optional.empty();
        }
        return matching(entry, "key", KEY, "letters, digits, '-', '_', '.' and '~' only (the key goes in a URL path)");
    }

    /** Whether {@code key} is written; when not, reports it with {@code why} it is needed. */
    static boolean required(Mapping entry, String key, String why) {
        if (entry.has(key)) {
            return true;
        }
        entry.error(entry.at(), entry.path() + ": " + key + " is missing; " + why);
        return false;
    }

    /** A value that matches {@code pattern}; otherwise empty, after an error saying what was expected. */
    static Optional<Scalar> matching(Mapping entry, String key, Pattern pattern, String expected) {
        return entry.scalar(key, expected).filter(written -> {
            if (pattern.matcher(written.value()).matches()) {
                return true;
            }
            entry.error(written.at(), entry.path(key) + ": expected " + expected + ", found " + written.shown());
            return false;
        });
    }

    /** The rules, or empty when any of them is wrong (each mistake is reported). */
    private static Optional<WebhookMapping> mapping(Mapping entry) {
        required(
                entry,
                "summary",
                "add a selector like summary: $.data.title, or text like \"Build {$.build.id} failed\"");
        var summary = template(entry, "summary");
        var severity = template(entry, "severity");
        var severityMap = lookups(entry, "severity_map", "severity", SEVERITIES);
        var defaultSeverity = choice(entry, "default_severity", SEVERITIES, Severity.ERROR);
        var dedupKey = template(entry, "dedup_key");
        var action = template(entry, "action");
        var actionMap = lookups(entry, "action_map", "action", WebhookAction.BY_NAME);
        var labels = templates(entry, "labels");
        var annotations = templates(entry, "annotations");
        // A key that is written but came out empty has been reported: then the mapping cannot be made.
        Map<String, Optional<?>> read = Map.of(
                "severity", severity,
                "severity_map", severityMap,
                "default_severity", defaultSeverity,
                "dedup_key", dedupKey,
                "action", action,
                "action_map", actionMap,
                "labels", labels,
                "annotations", annotations);
        boolean complete = summary.isPresent()
                && read.entrySet().stream()
                        .allMatch(e -> !entry.has(e.getKey()) || e.getValue().isPresent());
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(new WebhookMapping(
                summary.get(),
                severity,
                severityMap.orElse(Map.of()),
                defaultSeverity.get(),
                dedupKey,
                action,
                actionMap.orElse(Map.of()),
                labels.orElse(Map.of()),
                annotations.orElse(Map.of())));
    }

    /** Empty when not written, or after reporting what is wrong with it. */
    private static Optional<FieldTemplate> template(Mapping entry, String key) {
        return entry.node(key).flatMap(node -> entry.text(key, TEMPLATE)
                .flatMap(value -> parse(node, value, entry.path(key), entry)));
    }

    private static Optional<FieldTemplate> parse(Node node, Scalar value, String path, Mapping entry) {
        return switch (FieldTemplate.parse(value.value())) {
            case Parsed.Ok<FieldTemplate> ok -> Optional.of(ok.value());
            case Parsed.Failed<FieldTemplate> failed -> {
                // A value from the environment may be a secret, so its text is never quoted back.
                String message = value.fromEnvironment()
                        ? "expected " + TEMPLATE + ", found " + value.shown()
                        : "invalid selector in " + value.shown() + ": " + failed.message();
                entry.error(Reading.inside(node, value, failed.offset()), path + ": " + message);
                yield Optional.empty();
            }
        };
    }

    /** {@code labels:} or {@code annotations:}: name to template; empty when not written or after a mistake. */
    private static Optional<Map<String, FieldTemplate>> templates(Mapping entry, String key) {
        var written = entry.mapping(key, "a mapping of names to selectors, like {env: $.environment}");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Map<String, FieldTemplate> templates = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : written.get().keys()) {
            var template = template(written.get(), name);
            template.ifPresent(t -> templates.put(name, t));
            ok &= template.isPresent();
        }
        return ok ? Optional.of(templates) : Optional.empty();
    }

    /**
     * {@code severity_map:} or {@code action_map:}: the sender's words to ours. Without the selector it belongs to
     * there is no word to look up, which is a mistake worth naming.
     */
    private static <T> Optional<Map<String, T>> lookups(
            Mapping entry, String key, String selectorKey, Map<String, T> ours) {
        var written = entry.mapping(key, "a mapping of the sender's words to " + String.join(", ", ours.keySet()));
        if (written.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.has(selectorKey)) {
            entry.error(
                    entry.node(key).orElseThrow().getStartMark(),
                    entry.path(key) + ": there is no " + selectorKey + " to look up; add " + selectorKey
                            + ": a selector like $." + selectorKey);
            return Optional.empty();
        }
        Map<String, T> lookups = new LinkedHashMap<>();
        boolean ok = true;
        for (String word : written.get().keys()) {
            var value = written.get()
                    .scalar(word, "one of " + String.join(", ", ours.keySet()))
                    .flatMap(s -> choice(written.get(), word, s, ours));
            value.ifPresent(v -> lookups.put(word, v));
            ok &= value.isPresent();
        }
        return ok ? Optional.of(lookups) : Optional.empty();
    }

    /** The choice written at {@code key}; {@code absent} when nothing is; empty after an error. */
    static <T> Optional<T> choice(Mapping entry, String key, Map<String, T> choices, T absent) {
        if (!entry.has(key)) {
            return Optional.of(absent);
        }
        return entry.scalar(key, "one of " + String.join(", ", choices.keySet()))
                .flatMap(written -> choice(entry, key, written, choices));
    }

    /** One of {@code choices}' names, or empty after an error with the closest name. */
    static <T> Optional<T> choice(Mapping entry, String key, Scalar written, Map<String, T> choices) {
        T choice = choices.get(written.value().strip());
        if (choice != null) {
            return Optional.of(choice);
        }
        String expected = String.join(", ", choices.keySet());
        String message = written.fromEnvironment()
                ? "expected one of " + expected + ", found " + written.shown()
                : "unknown value " + written.shown()
                        + DidYouMean.closest(written.value(), choices.keySet())
                                .map(c -> "; did you mean \"" + c + "\"?")
                                .orElse("; expected one of " + expected);
        entry.error(written.at(), entry.path(key) + ": " + message);
        return Optional.empty();
    }
}
