package dev.firewatch.alert;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Silences, inhibit rules and maintenance windows hold alerts back: stored and shown, no incident. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuppressionFlowTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
              - name: batch
                integration_key: batch-key
            inhibit_rules:
              - source_matchers: [alertname="NodeDown"]
                target_matchers: [alertname="ServiceDown"]
                equal: [instance]
            maintenance:
              - service: batch
                comment: nightly rebuild
                start: 2000-01-01T00:00
                end: 2100-01-01T00:00
            """;

    TestFirewatch firewatch;
    TestHttp responder;
    static final ObjectMapper json = new ObjectMapper();

    /** The config to run with; a subclass runs the same cases on PostgreSQL. */
    String config() {
        return CONFIG;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        firewatch = TestFirewatch.start(dir, config(), Clock.systemUTC(), Map.of());
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
    }

    @AfterAll
    void stop() {
        firewatch.close();
    }

    void fire(String key, Map<String, String> labels, String summary) {
        StringBuilder labelJson = new StringBuilder();
        labels.forEach((k, v) -> labelJson
                .append(labelJson.isEmpty() ? "" : ",")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        String body = """
                {"version": "4", "status": "firing", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                 "alerts": [{"status": "firing", "labels": {%s}, "annotations": {"summary": "%s"},
                             "startsAt": "2026-11-23T03:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "", "fingerprint": "f"}]}""".formatted(labelJson, summary);
        assertThat(firewatch
                        .http()
                        .postJson("/api/v1/integrations/alertmanager/" + key, body)
                        .statusCode())
                .isEqualTo(202);
    }

    JsonNode alert(String summary) {
        return Eventually.within(
                Duration.ofSeconds(5),
                () -> {
                    for (JsonNode alert : responder.getJson("/api/v1/alerts").path("alerts")) {
                        if (alert.path("summary").asText().equals(summary)) {
                            return alert;
                        }
                    }
                    return null;
                },
                a -> a != null);
    }

    boolean hasIncidentTitled(String title) {
        return responder
                .getJson("/api/v1/incidents")
                .path("incidents")
                .findValuesAsText("title")
                .contains(title);
    }

    @Test
    void aSilencedAlertIsStoredAndShownButOpensNoIncidentUntilTheSilenceIsExpired() throws Exception {
        var made = responder.postJson(
                "/api/v1/silences",
                "{\"matchers\": \"alertname=\\\"DiskFull\\\"\", \"duration\": \"2h\", \"comment\": \"replacing the disk\"}");
        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode silence = json.readTree(made.body());
        assertThat(silence.path("state").asText()).isEqualTo("active");
        assertThat(silence.path("created_by").asText()).startsWith("key:fw_");

        fire("demo-key", Map.of("alertname", "DiskFull", "instance", "web-1"), "Disk full on web-1");
        JsonNode held = alert("Disk full on web-1");
        assertThat(held.path("suppressed_by").asText())
                .isEqualTo("silence " + silence.path("id").asText());
        assertThat(held.path("incident_id").isNull()).isTrue();

        fire("demo-key", Map.of("alertname", "CpuHigh", "instance", "web-1"), "CPU high on web-1");
        Eventually.within(Duration.ofSeconds(5), () -> hasIncidentTitled("CPU high on web-1"), found -> found);
        assertThat(hasIncidentTitled("Disk full on web-1")).isFalse();

        var expired =
                responder.postJson("/api/v1/silences/" + silence.path("id").asText() + "/expire", "");
        assertThat(json.readTree(expired.body()).path("state").asText()).isEqualTo("expired");
        fire("demo-key", Map.of("alertname", "DiskFull", "instance", "web-1"), "Disk full on web-1");
        Eventually.within(Duration.ofSeconds(5), () -> hasIncidentTitled("Disk full on web-1"), found -> found);
        assertThat(firewatch
                        .http()
                        .withKey(firewatch.key(Role.ADMIN))
                        .get("/api/v1/audit")
                        .body())
                .contains("silence.create")
                .contains("silence.expire");
    }

    @Test
    void aSilenceThatWouldMuteEverythingOrHasNoReasonIsRefusedWithEveryProblem() throws Exception {
        var refused = responder.postJson(
                "/api/v1/silences", "{\"matchers\": \"alertname=~\\\".*\\\"\", \"duration\": \"1h\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(refused.body());
        assertThat(body.path("errors")).hasSize(2);
        assertThat(body.path("error").asText())
                .contains("mute nearly everything")
                .contains("comment");

        var unparsable = responder.postJson(
                "/api/v1/silences", "{\"matchers\": \"alertname=\\\"x\", \"duration\": \"1h\", \"comment\": \"c\"}");
        assertThat(unparsable.statusCode()).isEqualTo(400);
        assertThat(unparsable.body()).contains("at column");

        var noEnd = responder.postJson("/api/v1/silences", "{\"matchers\": \"a=\\\"b\\\"\", \"comment\": \"c\"}");
        assertThat(noEnd.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noEnd.body()).path("field").asText()).isEqualTo("ends_at");

        TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
        assertThat(viewer.postJson(
                                "/api/v1/silences",
                                "{\"matchers\": \"a=\\\"b\\\"\", \"duration\": \"1h\", \"comment\": \"c\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAlertIsInhibitedWhileItsSourceFiresOnTheSameInstance() {
        fire("demo-key", Map.of("alertname", "NodeDown", "instance", "node-7"), "Node node-7 is down");
        alert("Node node-7 is down");
        fire("demo-key", Map.of("alertname", "ServiceDown", "instance", "node-7"), "Service down on node-7");
        fire("demo-key", Map.of("alertname", "ServiceDown", "instance", "node-8"), "Service down on node-8");
        assertThat(alert("Service down on node-7").path("suppressed_by").asText())
                .startsWith("inhibited by ");
        assertThat(alert("Service down on node-8").path("suppressed_by").isNull())
                .isTrue();
        Eventually.within(Duration.ofSeconds(5), () -> hasIncidentTitled("Service down on node-8"), found -> found);
        assertThat(hasIncidentTitled("Service down on node-7")).isFalse();
    }

    @Test
    void aServiceInItsMaintenanceWindowKeepsItsAlertsQuiet() {
        fire("batch-key", Map.of("alertname", "JobSlow"), "Rebuild job is slow");
        assertThat(alert("Rebuild job is slow").path("suppressed_by").asText())
                .isEqualTo("maintenance of batch: nightly rebuild");
        assertThat(hasIncidentTitled("Rebuild job is slow")).isFalse();
    }
}
