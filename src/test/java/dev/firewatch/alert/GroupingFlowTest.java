package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupingFlowTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG.replace("""
                integration_key: demo-key
            """, """
                integration_key: demo-key
                group_by: [alertname]
            """);

    static String group(String status, String instance) {
        return """
                {"version": "4", "status": "%s", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                 "alerts": [{"status": "%s", "labels": {"alertname": "HighLatency", "instance": "%s"},
                             "annotations": {"summary": "Latency high on %s"}, "startsAt": "2026-11-23T03:00:00Z",
                             "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "f"}]}""".formatted(status, status, instance, instance);
    }

    @Test
    void alertsWithTheSameGroupByValuesShareOneIncidentUntilAllHaveResolved(@TempDir Path dir) throws Exception {
        assertThat(CONFIG).contains("group_by: [alertname]");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            for (String instance : new String[] {"api-1", "api-2", "api-3"}) {
                firewatch.http().postJson("/api/v1/integrations/alertmanager/demo-key", group("firing", instance));
            }
            JsonNode incident = Eventually.within(
                            Duration.ofSeconds(5),
                            () -> api.getJson("/api/v1/incidents").path("incidents"),
                            list -> list.size() == 1
                                    && list.path(0).path("alert_count").asInt() == 3)
                    .path(0);
            assertThat(incident.path("title").asText())
                    .as("titled after its first alert")
                    .isEqualTo("Latency high on api-1");

            firewatch.http().postJson("/api/v1/integrations/alertmanager/demo-key", group("resolved", "api-1"));
            firewatch.http().postJson("/api/v1/integrations/alertmanager/demo-key", group("resolved", "api-2"));
            // The alerts and their incident change in one transaction: once both alerts read resolved, the
            // incident has seen both, and must still be open for the third.
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/alerts?state=resolved")
                            .path("alerts")
                            .size(),
                    resolved -> resolved == 2);
            assertThat(api.getJson("/api/v1/incidents/" + incident.path("id").asText())
                            .path("state")
                            .asText())
                    .isEqualTo("triggered");
            firewatch.http().postJson("/api/v1/integrations/alertmanager/demo-key", group("resolved", "api-3"));
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/incidents/" + incident.path("id").asText())
                            .path("state")
                            .asText(),
                    state -> state.equals("resolved"));
        }
    }
}
