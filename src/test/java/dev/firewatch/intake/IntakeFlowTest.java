package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a sender's POST to an incident a responder sees, acknowledges and sees resolved, on SQLite; {@code
 * PostgresIntakeFlowTest} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeFlowTest {
    TestFirewatch firewatch;
    TestHttp responder;
    TestHttp sender;
    static final ObjectMapper json = new ObjectMapper();

    /** The config the server starts with; the PostgreSQL variant adds its store. */
    String config() {
        return TestFirewatch.BASE_CONFIG;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        firewatch = TestFirewatch.start(dir, config(), Clock.systemUTC(), Map.of());
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
        sender = firewatch.http();
    }

    @AfterAll
    void stop() {
        firewatch.close();
    }

    static String trigger(String dedupKey, String summary, String severity) {
        return """
                {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "%s", "source": "db-1", "severity": "%s"}}""".formatted(dedupKey, summary, severity);
    }

    JsonNode incidentTitled(String title) {
        return Eventually.within(
                Duration.ofSeconds(5),
                () -> {
                    for (JsonNode incident :
                            responder.getJson("/api/v1/incidents?service=demo").path("incidents")) {
                        if (incident.path("title").asText().equals(title)) {
                            return incident;
                        }
                    }
                    return null;
                },
                found -> found != null);
    }

    JsonNode incident(String idOrNumber) {
        return responder.getJson("/api/v1/incidents/" + idOrNumber);
    }

    @Test
    void anEventsV2TriggerOpensAnIncidentThatRepeatsDedupAndAResolveCloses() throws Exception {
        var accepted =
                sender.postJson("/v2/enqueue", trigger("db-down-1", "Database db-1 does not answer", "critical"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()))
                .isEqualTo(json.readTree(
                        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"db-down-1\"}"));

        JsonNode incident = incidentTitled("Database db-1 does not answer");
        assertThat(incident.path("state").asText()).isEqualTo("triggered");
        assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
        assertThat(incident.path("service").asText()).isEqualTo("demo");
        assertThat(incident.path("alert_count").asLong()).isEqualTo(1);
        assertThat(incident.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(incident.path("acknowledged_at").isNull()).isTrue();
        assertThat(incident.path("url").asText())
                .endsWith("/incidents/" + incident.path("number").asLong());

        assertThat(sender.postJson("/v2/enqueue", trigger("db-down-1", "Database db-1 does not answer", "critical"))
                        .statusCode())
                .isEqualTo(202);
        String number = incident.path("number").asText();
        JsonNode detail = Eventually.within(
                Duration.ofSeconds(5),
                () -> incident(number),
                d -> d.path("alerts").path(0).path("count").asLong() == 2);
        assertThat(detail.path("alerts")).hasSize(1);
        assertThat(detail.path("alert_count").asLong())
                .as("a repeat is not a new alert")
                .isEqualTo(1);
        assertThat(detail.path("alerts").path(0).path("dedup_key").asText()).isEqualTo("db-down-1");
        assertThat(detail.path("timeline").findValuesAsText("kind")).startsWith("triggered");

        var resolved = sender.postJson(
                "/v2/enqueue",
                "{\"routing_key\": \"demo-key\", \"event_action\": \"resolve\", \"dedup_key\": \"db-down-1\"}");
        assertThat(resolved.statusCode()).isEqualTo(202);
        JsonNode after = Eventually.within(Duration.ofSeconds(5), () -> incident(number), d -> d.path("state")
                .asText()
                .equals("resolved"));
        assertThat(after.path("resolved_at").asText()).isNotBlank();
        assertThat(after.path("timeline").findValuesAsText("text")).contains("Resolved: all its alerts have resolved");
        assertThat(after.path("alerts").path(0).path("state").asText()).isEqualTo("resolved");
    }

    @Test
    void aResponderAcknowledgesThroughTheApiAndAViewerMayNot() throws Exception {
        sender.postJson("/v2/enqueue", trigger("disk-full-7", "Disk full on web-7", "warning"));
        JsonNode incident = incidentTitled("Disk full on web-7");
        assertThat(incident.path("severity").asText()).isEqualTo("SEV3");

        TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
        assertThat(viewer.postJson("/api/v1/incidents/" + incident.path("id").asText() + "/acknowledge", "")
                        .statusCode())
                .isEqualTo(403);

        var acknowledged =
                responder.postJson("/api/v1/incidents/" + incident.path("id").asText() + "/acknowledge", "");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(acknowledged.body());
        assertThat(body.path("state").asText()).isEqualTo("acknowledged");
        assertThat(body.path("acknowledged_at").asText()).isNotBlank();
        assertThat(incident(incident.path("number").asText()).path("timeline").findValuesAsText("text"))
                .anySatisfy(text -> assertThat(text).startsWith("Acknowledged by key:fw_"));

        assertThat(responder
                        .postJson("/api/v1/incidents/" + incident.path("number").asText() + "/resolve", "")
                        .statusCode())
                .isEqualTo(200);
        var again = responder.postJson(
                "/api/v1/incidents/" + incident.path("number").asText() + "/acknowledge", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is resolved; it cannot be acknowledged");
    }

    @Test
    void aSourceStillFiringAfterItsIncidentWasResolvedByHandOpensANewIncident() throws Exception {
        sender.postJson("/v2/enqueue", trigger("cert-expiry-3", "Certificate expires in 2 days", "error"));
        JsonNode first = incidentTitled("Certificate expires in 2 days");
        assertThat(responder
                        .postJson("/api/v1/incidents/" + first.path("id").asText() + "/resolve", "")
                        .statusCode())
                .isEqualTo(200);

        // The source never resolved its alert and repeats it: the problem is still there, so someone must hear
        // of it again, in an incident of its own rather than in the one a responder closed.
        sender.postJson("/v2/enqueue", trigger("cert-expiry-3", "Certificate expires in 2 days", "error"));
        JsonNode second = Eventually.within(
                Duration.ofSeconds(5),
                () -> {
                    for (JsonNode incident :
                            responder.getJson("/api/v1/incidents?service=demo").path("incidents")) {
                        if (incident.path("title").asText().equals("Certificate expires in 2 days")
                                && !incident.path("id").equals(first.path("id"))) {
                            return incident;
                        }
                    }
                    return null;
                },
                found -> found != null);
        assertThat(second.path("state").asText()).isEqualTo("triggered");
        assertThat(incident(first.path("id").asText()).path("state").asText())
                .as("the closed incident stays closed")
                .isEqualTo("resolved");
    }

    @Test
    void theSenderCanAcknowledgeThroughTheEventsApi() throws Exception {
        sender.postJson("/v2/enqueue", trigger("queue-9", "Queue backlog over 10k", "error"));
        JsonNode incident = incidentTitled("Queue backlog over 10k");
        sender.postJson(
                "/v2/enqueue",
                "{\"routing_key\": \"demo-key\", \"event_action\": \"acknowledge\", \"dedup_key\": \"queue-9\"}");
        Eventually.within(
                Duration.ofSeconds(5),
                () -> incident(incident.path("id").asText()).path("state").asText(),
                state -> state.equals("acknowledged"));
    }

    @Test
    void eventsV2AnswersInPagerDutysShapesForBadBodiesAndUnknownKeys() throws Exception {
        var invalid = sender.postJson(
                "/v2/enqueue",
                "{\"routing_key\": \"demo-key\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"x\", \"source\": \"y\", \"severity\": \"bad\"}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(invalid.body());
        assertThat(body.path("status").asText()).isEqualTo("invalid event");
        assertThat(body.path("message").asText()).isEqualTo("Event object is invalid");
        assertThat(body.path("errors").toString()).contains("payload.severity");

        var unknown =
                sender.postJson("/v2/enqueue", trigger("x", "y", "info").replace("demo-key", "nobody-has-this-key"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("status").asText()).isEqualTo("invalid event");
        assertThat(unknown.body()).contains("routing_key");
    }

    @Test
    void anAlertmanagerGroupBecomesAlertsAndResolvesTheirIncidents() throws Exception {
        String group = """
                {"version": "4", "groupKey": "{}:{alertname=\\"HighLatency\\"}", "truncatedAlerts": 0, "status": "%s",
                 "receiver": "firewatch", "groupLabels": {"alertname": "HighLatency"},
                 "commonLabels": {"alertname": "HighLatency"}, "commonAnnotations": {}, "externalURL": "http://am:9093",
                 "alerts": [
                   {"status": "%s", "labels": {"alertname": "HighLatency", "instance": "api-1", "severity": "critical"},
                    "annotations": {"summary": "p99 latency over 2 s on api-1"}, "startsAt": "2026-11-23T03:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "a1"},
                   {"status": "%s", "labels": {"alertname": "HighLatency", "instance": "api-2", "severity": "critical"},
                    "annotations": {"summary": "p99 latency over 2 s on api-2"}, "startsAt": "2026-11-23T03:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "a2"}]}""";
        var firing = sender.postJson(
                "/api/v1/integrations/alertmanager/demo-key", group.formatted("firing", "firing", "firing"));
        assertThat(firing.statusCode()).isEqualTo(202);
        JsonNode one = incidentTitled("p99 latency over 2 s on api-1");
        JsonNode two = incidentTitled("p99 latency over 2 s on api-2");
        assertThat(List.of(one.path("severity").asText(), two.path("severity").asText()))
                .containsOnly("SEV1");

        JsonNode alerts = json.readTree(
                responder.get("/api/v1/alerts?state=firing&service=demo").body());
        assertThat(alerts.path("alerts").findValuesAsText("summary")).contains("p99 latency over 2 s on api-1");
        assertThat(alerts.path("alerts").path(0).has("incident_id")).isTrue();
        assertThat(alerts.path("alerts").path(0).has("suppressed_by")).isTrue();

        sender.postJson(
                "/api/v1/integrations/alertmanager/demo-key", group.formatted("resolved", "resolved", "resolved"));
        for (JsonNode incident : List.of(one, two)) {
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> incident(incident.path("id").asText()).path("state").asText(),
                    state -> state.equals("resolved"));
        }
        assertThat(sender.postJson(
                                "/api/v1/integrations/alertmanager/not-a-key",
                                group.formatted("firing", "firing", "firing"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBatchThatNamesAnAlertTwiceAndOneAlreadyStoredDedupsEveryOne() throws Exception {
        sender.postJson("/v2/enqueue", trigger("batch-d", "Replica lag on db-4", "warning"));
        incidentTitled("Replica lag on db-4");

        // One request, one journal commit: the consumer takes these in one batch, its alerts looked up together.
        var accepted = sender.postJson("/api/v1/events", """
                {"events": [
                  {"dedup_key": "batch-a", "summary": "Queue depth high", "severity": "warning"},
                  {"dedup_key": "batch-b", "summary": "Worker pool exhausted", "severity": "error"},
                  {"dedup_key": "batch-a", "summary": "Queue depth high", "severity": "warning"},
                  {"dedup_key": "batch-d", "summary": "Replica lag on db-4", "severity": "warning"},
                  {"action": "resolve", "dedup_key": "batch-b"},
                  {"dedup_key": "batch-c", "summary": "Disk 80% on db-4", "severity": "info"}]}""", IntakeRoutes.KEY_HEADER, "demo-key");
        assertThat(accepted.statusCode()).isEqualTo(202);

        Map<String, String> alerts = Eventually.within(
                Duration.ofSeconds(5),
                () -> {
                    Map<String, String> seen = new java.util.TreeMap<>();
                    for (JsonNode alert : responder
                            .getJson("/api/v1/alerts?state=firing,resolved&limit=200")
                            .path("alerts")) {
                        String key = alert.path("dedup_key").asText();
                        if (key.startsWith("batch-")) {
                            seen.merge(
                                    key,
                                    alert.path("state").asText() + " x"
                                            + alert.path("count").asInt(),
                                    (a, b) -> a + ", " + b);
                        }
                    }
                    return seen;
                },
                seen -> seen.size() == 4 && seen.get("batch-b").startsWith("resolved"));
        assertThat(alerts)
                .as("one alert per key, each repeat counted on it")
                .containsExactly(
                        Map.entry("batch-a", "firing x2"),
                        Map.entry("batch-b", "resolved x1"),
                        Map.entry("batch-c", "firing x1"),
                        Map.entry("batch-d", "firing x2"));
        assertThat(firewatch.http().get("/metrics").body())
                .as("processed as the batch it came in, not row by row after the batch failed")
                .containsPattern("(?m)^firewatch_intake_batches_split_total(\\{[^}]*\\})? 0\\.0$");
    }

    @Test
    void theNativeFormTakesABatchKeyedByHeader() throws Exception {
        String batch = """
                {"events": [
                  {"summary": "Cert expires in 3 days", "severity": "warning", "dedup_key": "cert-1", "labels": {"host": "a"}},
                  {"summary": "Backup did not run", "severity": "error", "dedup_key": "backup-1"}]}""";
        var missingKey = sender.postJson("/api/v1/events", batch);
        assertThat(missingKey.statusCode()).isEqualTo(401);
        assertThat(missingKey.body()).contains(IntakeRoutes.KEY_HEADER);
        var accepted = sender.postJson("/api/v1/events", batch, IntakeRoutes.KEY_HEADER, "demo-key");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(2);
        incidentTitled("Cert expires in 3 days");
        incidentTitled("Backup did not run");
        var bad = sender.postJson(
                "/api/v1/events", "{\"events\": [{\"severity\": \"loud\"}]}", IntakeRoutes.KEY_HEADER, "demo-key");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("field").asText()).startsWith("events[0].");
    }
}
