package dev.firewatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.alert.Fingerprint;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the body of a sender that speaks nothing standard into a signal, by the rules of its webhook's
 * {@link WebhookMapping}. Only a body that is not JSON is refused: a sender like an error tracker does not retry a
 * 400 and shows it to nobody, so a rule that finds nothing falls back to its default and says so in a note
 * instead of losing the alert.
 */
public final class WebhookDecoder {
    /** Label and annotation values are cut here: they are shown in lists and matched by routes, not read at length. */
    static final int VALUE_LIMIT = 1024;

    /**
     * The body is kept in the alert's details, for the responder, up to this size. An alert's details are written
     * again on every repeat, so a sender that posts megabytes would make every repeat that heavy.
     */
    static final int BODY_KEPT = 16 * 1024;

    public WebhookOutcome decode(WebhookSpec webhook, byte[] body, String integrationKey, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = JsonBody.value(body, "JSON", errors);
        if (root == null) {
            return new WebhookOutcome.Rejected(errors);
        }
        WebhookMapping mapping = webhook.mapping();
        List<String> notes = new ArrayList<>();
        WebhookAction action = WebhookAction.TRIGGER;
        if (mapping.action().isPresent()) {
            FieldTemplate written = mapping.action().get();
            String word = written.render(root);
            if (word == null) {
                return new WebhookOutcome.Ignored("no value at " + written
                        + " (action), so the event is not one the mapping handles;" + " nothing was stored");
            }
            action = actionOf(word, mapping);
            if (action == null) {
                return new WebhookOutcome.Ignored("action " + JsonFields.quoted(word)
                        + " is neither in action_map nor trigger, acknowledge or resolve; nothing was stored");
            }
            if (action == WebhookAction.IGNORE) {
                return new WebhookOutcome.Ignored(
                        "action_map says to ignore " + JsonFields.quoted(word) + "; nothing was stored");
            }
        }
        Map<String, String> labels = labels(webhook, root, notes);
        String dedupKey = dedupKey(mapping, root, notes);
        String identity = dedupKey != null ? dedupKey : Fingerprint.of(labels);
        Signal signal =
                switch (action) {
                    case TRIGGER -> trigger(webhook, root, body, integrationKey, dedupKey, labels, receivedAt, notes);
                    case ACKNOWLEDGE ->
                        new Signal.Acknowledge(integrationKey, dedupKey, labels, receivedAt, Signal.Source.WEBHOOK);
                    case RESOLVE ->
                        new Signal.Resolve(integrationKey, dedupKey, labels, receivedAt, Signal.Source.WEBHOOK);
                    case IGNORE -> throw new IllegalStateException("an ignored event was answered above");
                };
        return new WebhookOutcome.Mapped(signal, identity, notes);
    }

    /** The sender's word in the map as written, else one of our own names in any case. */
    private static WebhookAction actionOf(String word, WebhookMapping mapping) {
        WebhookAction mapped = mapping.actionMap().get(word);
        return mapped != null ? mapped : WebhookAction.BY_NAME.get(word.strip().toLowerCase(Locale.ROOT));
    }

    private static Signal.Trigger trigger(
            WebhookSpec webhook,
            JsonNode root,
            byte[] body,
            String integrationKey,
            String dedupKey,
            Map<String, String> labels,
            Instant receivedAt,
            List<String> notes) {
        WebhookMapping mapping = webhook.mapping();
        String summary = mapping.summary().render(root);
        if (summary == null) {
            summary = "Webhook " + webhook.name() + ": no summary at " + mapping.summary();
            notes.add("summary: no value at " + mapping.summary() + "; the alert is titled so that it still opens");
        }
        Severity severity = severity(mapping, root, notes);
        Map<String, String> annotations = values(mapping.annotations(), "annotations", root, notes);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("webhook", webhook.name());
        if (!notes.isEmpty()) {
            details.put("notes", List.copyOf(notes));
        }
        if (body.length <= BODY_KEPT) {
            details.put("body", PlainJson.value(root));
        } else {
            details.put(
                    "body_not_kept",
                    "the body was " + body.length + " bytes; bodies up to " + BODY_KEPT + " bytes are kept");
        }
        return new Signal.Trigger(
                integrationKey,
                dedupKey,
                labels,
                receivedAt,
                Signal.Source.WEBHOOK,
                JsonFields.cut(summary, EventsV2Decoder.SUMMARY_LIMIT),
                severity,
                null,
                null,
                null,
                null,
                annotations,
                Collections.unmodifiableMap(details),
                List.of(),
                List.of(),
                null,
                null,
                null);
    }

    private static Severity severity(WebhookMapping mapping, JsonNode root, List<String> notes) {
        if (mapping.severity().isEmpty()) {
            return mapping.defaultSeverity();
        }
        FieldTemplate written = mapping.severity().get();
        String word = written.render(root);
        String fallback = "; used " + mapping.defaultSeverity().wireName() + " (default_severity)";
        if (word == null) {
            notes.add("severity: no value at " + written + fallback);
            return mapping.defaultSeverity();
        }
        Severity mapped = mapping.severityMap().get(word);
        if (mapped == null) {
            mapped = SeverityNames.BY_NAME.get(word.strip().toLowerCase(Locale.ROOT));
        }
        if (mapped == null) {
            notes.add("severity: " + JsonFields.quoted(word) + " is neither in severity_map nor critical, error,"
                    + " warning or info" + fallback);
            return mapping.defaultSeverity();
        }
        return mapped;
    }

    /** The written labels that found a value, and the webhook's name as {@code webhook}; sorted, as labels are. */
    private static Map<String, String> labels(WebhookSpec webhook, JsonNode root, List<String> notes) {
        TreeMap<String, String> labels = new TreeMap<>(values(webhook.mapping().labels(), "labels", root, notes));
        if (!webhook.mapping().labels().containsKey("webhook")) {
            labels.put("webhook", webhook.name());
        }
        return Collections.unmodifiableSortedMap(labels);
    }

    private static Map<String, String> values(
            Map<String, FieldTemplate> written, String section, JsonNode root, List<String> notes) {
        TreeMap<String, String> values = new TreeMap<>();
        new TreeMap<>(written).forEach((name, template) -> {
            String value = template.render(root);
            if (value == null) {
                notes.add(section + "." + name + ": no value at " + template);
            } else {
                values.put(name, JsonFields.cut(value, VALUE_LIMIT));
            }
        });
        return Collections.unmodifiableSortedMap(values);
    }

    private static String dedupKey(WebhookMapping mapping, JsonNode root, List<String> notes) {
        if (mapping.dedupKey().isEmpty()) {
            return null;
        }
        FieldTemplate written = mapping.dedupKey().get();
        String key = written.render(root);
        if (key == null) {
            notes.add("dedup_key: no value at " + written + "; the alert is identified by its labels");
            return null;
        }
        if (key.length() > EventsV2Decoder.DEDUP_KEY_LIMIT) {
            // Cutting could make two long keys one; a hash keeps them apart and stays the same for a resolve.
            notes.add("dedup_key: the value is " + key.length() + " characters, over " + EventsV2Decoder.DEDUP_KEY_LIMIT
                    + "; its SHA-256 is the key");
            return "sha256:" + sha256(key);
        }
        return key;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
