package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responder at 3 a.m. opens the incident: what is wrong, in the sender's words, and where the runbook is. */
class IncidentPageTest {
    static String alert(String instance, String annotations) {
        return """
                {"status": "firing", "labels": {"alertname": "DatabaseDown", "instance": "%s"},
                 "annotations": %s, "startsAt": "2026-11-23T03:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                 "generatorURL": "", "fingerprint": "%s"}""".formatted(instance, annotations, instance);
    }

    @Test
    void theIncidentPageShowsTheDescriptionAndLinksOnlyAWebRunbook(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            String group = """
                    {"version": "4", "status": "firing", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                     "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                     "alerts": [%s, %s]}""".formatted(
                    alert(
                            "db-1",
                            "{\"summary\": \"db-1 does not answer\", \"description\": \"Connections refused for 5"
                                    + " minutes; replicas are fine\", \"runbook_url\":"
                                    + " \"https://runbooks.example.com/database-down\"}"),
                    alert("db-2", "{\"summary\": \"db-2 does not answer\", \"runbook_url\": \"javascript:alert(1)\"}"));
            assertThat(firewatch
                            .http()
                            .postJson("/api/v1/integrations/alertmanager/demo-key", group)
                            .statusCode())
                    .isEqualTo(202);
            TestHttp person = firewatch.http();
            person.signIn("admin", TestFirewatch.ADMIN_PASSWORD);

            String first = page(person, "db-1 does not answer");
            assertThat(first)
                    .contains("Connections refused for 5 minutes; replicas are fine")
                    .contains("<a class=\"runbook\" href=\"https://runbooks.example.com/database-down\"");
            String second = page(person, "db-2 does not answer");
            assertThat(second).doesNotContain("class=\"runbook\"").doesNotContain("javascript:alert");
        }
    }

    private static String page(TestHttp person, String title) {
        JsonNode incidents = Eventually.within(
                Duration.ofSeconds(5),
                () -> person.getJson("/api/v1/incidents"),
                list -> list.path("incidents").findValuesAsText("title").contains(title));
        for (JsonNode incident : incidents.path("incidents")) {
            if (incident.path("title").asText().equals(title)) {
                return person.get("/incidents/" + incident.path("number").asText())
                        .body();
            }
        }
        throw new AssertionError("no incident titled " + title);
    }
}
