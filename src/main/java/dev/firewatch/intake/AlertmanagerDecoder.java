package dev.firewatch.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.JsonFields.Need;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes Prometheus Alertmanager's webhook body, version 4 ({@code POST /api/v1/integrations/alertmanager/{key}}).
 * Every alert in the group becomes a signal, firing ones a trigger and resolved ones a resolve, in the body's
 * order. A body with one bad alert is refused whole, so a group is never half kept.
 *
 * <p>Identity comes from the labels (the alert stage fingerprints them), not from Alertmanager's
 * {@code fingerprint}, which is kept in the details as {@code alertmanager_fingerprint}.
 */
public final class AlertmanagerDecoder {
    /** The webhook body version this decoder reads, the one every current Alertmanager sends. */
    static final String VERSION = "4";

    /**
     * Go's zero time: what Alertmanager sends as {@code endsAt} (and in old versions {@code startsAt}) when the
     * time is not set. It means "absent", not the year 1.
     */
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final Map<String, Status> STATUSES = statuses();

    private enum Status {
        FIRING,
        RESOLVED
    }

    /** The signals of every alert in the group, each carrying {@code integrationKey} (the key from the URL). */
    public Decoded decode(byte[] body, String integrationKey, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode object = JsonBody.object(body, errors);
        if (object == null) {
            return new Decoded.Rejected(errors);
        }
        JsonFields group = JsonFields.top(object, errors);
        String version = group.string("version", Need.REQUIRED);
        if (version != null && !version.equals(VERSION)) {
            group.reject(
                    "version",
                    "is " + JsonFields.quoted(version) + "; this endpoint reads Alertmanager's webhook body, version \""
                            + VERSION + "\"");
        }
        String receiver = group.string("receiver", Need.OPTIONAL);
        String externalUrl = group.string("externalURL", Need.OPTIONAL);
        String groupKey = group.string("groupKey", Need.OPTIONAL);
        group.whole("truncatedAlerts", Need.OPTIONAL);
        List<Signal> signals = group.eachObject(
                "alerts",
                Need.REQUIRED,
                alert -> signal(alert, integrationKey, receivedAt, receiver, externalUrl, groupKey));
        return errors.isEmpty() ? new Decoded.Accepted(signals) : new Decoded.Rejected(errors);
    }

    private static Signal signal(
            JsonFields alert,
            String integrationKey,
            Instant receivedAt,
            String receiver,
            String externalUrl,
            String groupKey) {
        Status status = alert.oneOf("status", Need.REQUIRED, STATUSES);
        Map<String, String> labels = alert.stringMap("labels", Need.REQUIRED);
        Map<String, String> annotations = alert.stringMap("annotations", Need.OPTIONAL);
        Instant startsAt = realTime(alert.time("startsAt", Need.OPTIONAL));
        Instant endsAt = realTime(alert.time("endsAt", Need.OPTIONAL));
        String generatorUrl = alert.string("generatorURL", Need.OPTIONAL);
        String fingerprint = alert.string("fingerprint", Need.OPTIONAL);
        if (status == null || labels == null || annotations == null) {
            return null;
        }
        return switch (status) {
            case RESOLVED ->
                new Signal.Resolve(
                        integrationKey, null, labels, endsAt != null ? endsAt : receivedAt, Signal.Source.ALERTMANAGER);
            case FIRING ->
                new Signal.Trigger(
                        integrationKey,
                        null,
                        labels,
                        startsAt != null ? startsAt : receivedAt,
                        Signal.Source.ALERTMANAGER,
                        summary(labels, annotations),
                        severity(labels.get("severity")),
                        labels.getOrDefault("instance", "alertmanager"),
                        null,
                        null,
                        null,
                        annotations,
                        details(receiver, externalUrl, groupKey, fingerprint),
                        List.of(),
                        List.of(),
                        "Alertmanager",
                        externalUrl,
                        generatorUrl);
        };
    }

    private static String summary(Map<String, String> labels, Map<String, String> annotations) {
        for (String text :
                new String[] {annotations.get("summary"), annotations.get("description"), labels.get("alertname")}) {
            if (text != null && !text.isBlank()) {
                return JsonFields.cut(text, EventsV2Decoder.SUMMARY_LIMIT);
            }
        }
        return "alert from Alertmanager";
    }

    /**
     * The {@code severity} label as a Firewatch severity, by the names Prometheus rules use most. Unknown or
     * missing is WARNING: loud enough to be seen, not loud enough to wake anyone for a label typo. The routing
     * tree may set a service's severity from any label and overrides this.
     */
    static Severity severity(String label) {
        if (label == null) {
            return Severity.WARNING;
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "page" -> Severity.CRITICAL;
            case "error", "high" -> Severity.ERROR;
            case "warning", "warn", "medium" -> Severity.WARNING;
            case "info", "low", "none" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }

    private static Map<String, Object> details(
            String receiver, String externalUrl, String groupKey, String fingerprint) {
        Map<String, Object> details = new LinkedHashMap<>();
        putPresent(details, "receiver", receiver);
        putPresent(details, "external_url", externalUrl);
        putPresent(details, "group_key", groupKey);
        putPresent(details, "alertmanager_fingerprint", fingerprint);
        return Collections.unmodifiableMap(details);
    }

    private static void putPresent(Map<String, Object> details, String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
    }

    private static Instant realTime(Instant time) {
        return GO_ZERO_TIME.equals(time) ? null : time;
    }

    private static Map<String, Status> statuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("firing", Status.FIRING);
        statuses.put("resolved", Status.RESOLVED);
        return Collections.unmodifiableMap(statuses);
    }
}
