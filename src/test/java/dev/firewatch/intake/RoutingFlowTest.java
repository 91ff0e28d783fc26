package dev.firewatch.intake;

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

/** Alertmanager sends everything to one key; the routing tree gives each alert its service and severity. */
class RoutingFlowTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
              - name: database
                integration_key: database-key
            routes:
              tree:
                - match: {team: db}
                  service: database
                  severity: SEV1
            """;

    @Test
    void anAlertForTheDatabaseTeamOpensASev1OnTheDatabaseServiceAndStillResolves(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            String group = """
                    {"version": "4", "status": "%s", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                     "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                     "alerts": [{"status": "%s", "labels": {"alertname": "ReplicationLag", "team": "db", "severity": "warning"},
                                 "annotations": {"summary": "Replica 2 is 40 s behind"}, "startsAt": "2026-11-23T03:00:00Z",
                                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "f"}]}""";
            assertThat(firewatch
                            .http()
                            .postJson("/api/v1/integrations/alertmanager/demo-key", group.formatted("firing", "firing"))
                            .statusCode())
                    .isEqualTo(202);
            JsonNode incident = Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/incidents?service=database")
                            .path("incidents")
                            .path(0),
                    node -> !node.isMissingNode());
            assertThat(incident.path("title").asText()).isEqualTo("Replica 2 is 40 s behind");
            assertThat(incident.path("severity").asText())
                    .as("the route forces SEV1 over the alert's warning")
                    .isEqualTo("SEV1");
            assertThat(api.getJson("/api/v1/alerts?service=database")
                            .path("alerts")
                            .path(0)
                            .path("severity")
                            .asText())
                    .as("the alert keeps its source's severity")
                    .isEqualTo("warning");

            firewatch
                    .http()
                    .postJson("/api/v1/integrations/alertmanager/demo-key", group.formatted("resolved", "resolved"));
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/incidents/"
                                    + incident.path("number").asText())
                            .path("state")
                            .asText(),
                    state -> state.equals("resolved"));
        }
    }
}
