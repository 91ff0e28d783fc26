package dev.firewatch.probe;

import dev.firewatch.alert.Signal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signals a monitor sends: one alert per monitor ({@code dedup_key} {@code monitor:<name>}), triggered when it
 * goes down or degraded, resolved when it is back; the same shape any other source sends.
 */
final class MonitorSignals {
    private final String publicUrl;

    MonitorSignals(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    static String dedupKey(String monitor) {
        return "monitor:" + monitor;
    }

    static Map<String, String> labels(MonitorSpec monitor) {
        Map<String, String> labels = new TreeMap<>(monitor.labels());
        labels.put("monitor", monitor.name());
        labels.put("service", monitor.service());
        return Collections.unmodifiableMap(labels);
    }

    static String kind(ProbeSpec probe) {
        return switch (probe) {
            case ProbeSpec.Http http -> "http";
            case ProbeSpec.Tcp tcp -> "tcp";
            case ProbeSpec.Tls tls -> "tls";
            case ProbeSpec.Dns dns -> "dns";
            case ProbeSpec.Sql sql -> "sql";
        };
    }

    Signal.Trigger trigger(
            String integrationKey,
            MonitorSpec monitor,
            MonitorStatus status,
            ProbeResult result,
            String summary,
            Instant at) {
        Map<String, String> annotations = new TreeMap<>(monitor.annotations());
        annotations.put("description", description(monitor, status, result));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().wireName());
        details.put("reason", status.reason());
        details.put("kind", kind(monitor.probe()));
        details.put("response_time_ms", result.responseTime().toMillis());
        result.failure().ifPresent(f -> details.put("failure", f));
        result.evidence().ifPresent(e -> details.put("evidence", e));
        return new Signal.Trigger(
                integrationKey,
                dedupKey(monitor.name()),
                labels(monitor),
                at,
                Signal.Source.PROBE,
                summary,
                monitor.severity(),
                monitor.probe().host(),
                monitor.name(),
                "monitor",
                kind(monitor.probe()),
                Collections.unmodifiableMap(annotations),
                Collections.unmodifiableMap(details),
                List.of(new Signal.Link(url(monitor.name()), "Monitor " + monitor.name())),
                List.of(),
                "Firewatch",
                url(monitor.name()),
                null);
    }

    Signal.Resolve resolve(String integrationKey, MonitorSpec monitor, Instant at) {
        return new Signal.Resolve(integrationKey, dedupKey(monitor.name()), labels(monitor), at, Signal.Source.PROBE);
    }

    /** The evidence a responder reads first: why, what came, how long it took. */
    static String description(MonitorSpec monitor, MonitorStatus status, ProbeResult result) {
        StringBuilder text = new StringBuilder();
        text.append(kind(monitor.probe()).toUpperCase(Locale.ROOT))
                .append(" monitor ")
                .append(monitor.name())
                .append(" of ")
                .append(monitor.probe().host())
                .append(" is ")
                .append(status.shown())
                .append(": ")
                .append(status.reason())
                .append('.');
        result.failure().ifPresent(f -> text.append("\nFailed: ").append(f));
        text.append("\nResponse time: ")
                .append(result.responseTime().toMillis())
                .append(" ms");
        text.append(result.reached() ? "" : " (the target could not be reached)");
        result.evidence().ifPresent(e -> text.append("\nWhat came: ").append(excerpt(e)));
        return text.toString();
    }

    private static String excerpt(String evidence) {
        return evidence.length() <= 500 ? evidence : evidence.substring(0, 500) + "…";
    }

    private String url(String monitor) {
        return publicUrl + "/monitors/"
                + java.net.URLEncoder.encode(monitor, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }
}
