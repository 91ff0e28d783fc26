package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.Outside;
import dev.firewatch.testing.RealAlertmanager;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus Alertmanager 0.25, configured as a user would, pages Firewatch: through a
 * webhook receiver pointed at the Alertmanager endpoint, and through a {@code pagerduty_configs} receiver whose
 * {@code url} is Firewatch's {@code /v2/enqueue}. Alerts go in through Alertmanager's own API; what comes out is
 * checked through Firewatch's API, as a viewer would see it.
 */
class AlertmanagerCompatibilityTest {
    /** Alertmanager batches by group_wait and group_interval (1 s here) and retries; generous but bounded. */
    static final Duration DELIVERY = Duration.ofSeconds(15);

    @TempDir
    static Path firewatchDir;

    @TempDir
    Path alertmanagerDir;

    static TestFirewatch firewatch;
    static TestHttp viewer;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        Outside.requireAlertmanager();
        firewatch = TestFirewatch.start(firewatchDir);
        viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    @Test
    void alertsPostedIntoAlertmanagerOpenAndResolveAnIncidentThroughTheWebhook() throws Exception {
        String config = route() + """
                receivers:
                  - name: firewatch
                    webhook_configs:
                      - url: %s/api/v1/integrations/alertmanager/demo-key
                        send_resolved: true
                """.formatted(firewatch.base());
        List<ObjectNode> alerts = List.of(
                alert("WebhookLatency", "api-1", "p99 latency over 2 s on api-1"),
                alert("WebhookLatency", "api-2", "p99 latency over 2 s on api-2"));

        try (RealAlertmanager alertmanager = RealAlertmanager.start(alertmanagerDir, config)) {
            alertmanager.whileRunning(() -> {
                alertmanager.postAlerts(json.writeValueAsString(alerts));

                for (String instance : List.of("api-1", "api-2")) {
                    JsonNode alert = firewatchAlert("WebhookLatency", instance, "firing");
                    String summary = "p99 latency over 2 s on " + instance;
                    assertThat(alert.path("summary").asText()).isEqualTo(summary);
                    assertThat(alert.path("severity").asText()).isEqualTo("critical");
                    assertThat(alert.path("annotations").path("summary").asText())
                            .isEqualTo(summary);
                    JsonNode incident = incident(alert.path("incident_id").asText());
                    assertThat(incident.path("title").asText()).isEqualTo(summary);
                    assertThat(incident.path("state").asText()).isEqualTo("triggered");
                    assertThat(incident.path("service").asText()).isEqualTo("demo");
                    assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
                    assertThat(incident.path("alert_count").asLong()).isEqualTo(1);
                }

                alertmanager.postAlerts(json.writeValueAsString(resolvedNow(alerts)));

                for (String instance : List.of("api-1", "api-2")) {
                    JsonNode alert = firewatchAlert("WebhookLatency", instance, "resolved");
                    JsonNode incident =
                            incidentEventually(alert.path("incident_id").asText(), "resolved");
                    assertThat(incident.path("resolved_at").asText()).isNotBlank();
                    assertThat(incident.path("title").asText()).isEqualTo("p99 latency over 2 s on " + instance);
                }
            });
        }
    }

    @Test
    void alertsPostedIntoAlertmanagerOpenAndResolveAnIncidentThroughPagerDutyConfigsPointedAtEnqueue()
            throws Exception {
        // The description a PagerDuty receiver sends as the summary defaults to "[FIRING:1] alertname (labels)";
        // users set it to the alert's summary, as here, and the severity from the alert's label.
        String config = route() + """
                receivers:
                  - name: firewatch
                    pagerduty_configs:
                      - routing_key: demo-key
                        url: %s/v2/enqueue
                        send_resolved: true
                        description: '{{ .CommonAnnotations.summary }}'
                        severity: '{{ .CommonLabels.severity }}'
                """.formatted(firewatch.base());
        List<ObjectNode> alerts = List.of(alert("QueueBacklog", "worker-3", "Queue backlog over 10k on worker-3"));

        try (RealAlertmanager alertmanager = RealAlertmanager.start(alertmanagerDir, config)) {
            alertmanager.whileRunning(() -> {
                alertmanager.postAlerts(json.writeValueAsString(alerts));

                JsonNode alert = Eventually.within(
                                DELIVERY,
                                () -> alertsSummarized("Queue backlog over 10k on worker-3", "firing"),
                                found -> found.size() == 1)
                        .get(0);
                assertThat(alert.path("severity").asText()).isEqualTo("critical");
                assertThat(alert.path("dedup_key").asText())
                        .as("Alertmanager's dedup key, the hash of its group key")
                        .isNotBlank();
                JsonNode incident = incident(alert.path("incident_id").asText());
                assertThat(incident.path("title").asText()).isEqualTo("Queue backlog over 10k on worker-3");
                assertThat(incident.path("state").asText()).isEqualTo("triggered");
                assertThat(incident.path("service").asText()).isEqualTo("demo");
                assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
                assertThat(incident.path("alert_count").asLong()).isEqualTo(1);

                alertmanager.postAlerts(json.writeValueAsString(resolvedNow(alerts)));

                JsonNode resolved = incidentEventually(alert.path("incident_id").asText(), "resolved");
                assertThat(resolved.path("resolved_at").asText()).isNotBlank();
                assertThat(resolved.path("alerts").path(0).path("state").asText())
                        .isEqualTo("resolved");
            });
        }
    }

    /** A route that sends at once and flushes every second, and never repeats within a test. */
    static String route() {
        return """
                route:
                  receiver: firewatch
                  group_by: ['alertname']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                """;
    }

    /** An alert as Prometheus posts it to {@code /api/v2/alerts}. */
    static ObjectNode alert(String alertname, String instance, String summary) {
        ObjectNode alert = json.createObjectNode();
        alert.set(
                "labels",
                json.valueToTree(Map.of("alertname", alertname, "instance", instance, "severity", "critical")));
        alert.set("annotations", json.valueToTree(Map.of("summary", summary)));
        alert.put("startsAt", Instant.now().minusSeconds(60).toString());
        alert.put("generatorURL", "http://prometheus.example/graph?g0.expr=up");
        return alert;
    }

    /** The same alerts ended now: how Prometheus tells Alertmanager they resolved. */
    static List<ObjectNode> resolvedNow(List<ObjectNode> alerts) {
        String now = Instant.now().toString();
        return alerts.stream().map(a -> a.deepCopy().put("endsAt", now)).toList();
    }

    /** The Firewatch alert with these labels, once it is in {@code state}. */
    static JsonNode firewatchAlert(String alertname, String instance, String state) {
        return Eventually.within(
                DELIVERY,
                () -> {
                    for (JsonNode alert : alertsIn(state)) {
                        JsonNode labels = alert.path("labels");
                        if (labels.path("alertname").asText().equals(alertname)
                                && labels.path("instance").asText().equals(instance)) {
                            return alert;
                        }
                    }
                    return null;
                },
                found -> found != null);
    }

    static List<JsonNode> alertsSummarized(String summary, String state) {
        return alertsIn(state).stream()
                .filter(a -> a.path("summary").asText().equals(summary))
                .toList();
    }

    static List<JsonNode> alertsIn(String state) {
        JsonNode list = read(viewer.get("/api/v1/alerts?service=demo&state=" + state));
        return StreamSupport.stream(list.path("alerts").spliterator(), false).toList();
    }

    static JsonNode incident(String id) {
        var answer = viewer.get("/api/v1/incidents/" + id);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return read(answer);
    }

    static JsonNode incidentEventually(String id, String state) {
        return Eventually.within(
                DELIVERY, () -> incident(id), i -> i.path("state").asText().equals(state));
    }

    static JsonNode read(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
