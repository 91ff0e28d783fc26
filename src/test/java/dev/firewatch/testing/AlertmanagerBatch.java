package dev.firewatch.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook body (version 4) carrying many alerts, as Alertmanager sends a whole group: for tests
 * that need lists longer than a page.
 */
public final class AlertmanagerBatch {
    /** One alert of the batch: its labels, and the summary annotation that pages show. */
    public record Sent(Map<String, String> labels, String summary) {}

    private AlertmanagerBatch() {}

    public static String body(String status, List<Sent> alerts) {
        List<Map<String, Object>> items = alerts.stream()
                .map(a -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("status", status);
                    item.put("labels", a.labels());
                    item.put("annotations", Map.of("summary", a.summary()));
                    item.put("startsAt", "2026-11-23T03:00:00Z");
                    item.put("endsAt", status.equals("resolved") ? "2026-11-23T04:00:00Z" : "0001-01-01T00:00:00Z");
                    item.put("generatorURL", "");
                    item.put("fingerprint", "");
                    return item;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("status", status);
        body.put("receiver", "firewatch");
        body.put("groupLabels", Map.of());
        body.put("commonLabels", Map.of());
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager");
        body.put("groupKey", "g");
        body.put("truncatedAlerts", 0);
        body.put("alerts", items);
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
