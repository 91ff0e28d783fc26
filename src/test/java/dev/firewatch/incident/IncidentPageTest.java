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

    @Test
    void aResponderSeesOnlyTheActionsThatFitTheStateAndTheFormsAct(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(
                dir, TestFirewatch.withResponders("alice", "bob"), java.time.Clock.systemUTC(), java.util.Map.of())) {
            firewatch.http().postJson("/v2/enqueue", IncidentBusTest.trigger("db-7", "error"));
            firewatch.setPassword("rita", "rita-password-1");
            TestHttp rita = firewatch.http();
            rita.signIn("rita", "rita-password-1");
            String triggered = page(rita, "Database db-7 does not answer");
            String number = triggered.replaceAll("(?s).*<h1>#(\\d+) .*", "$1");
            assertThat(buttons(triggered)).containsExactly("Acknowledge", "Escalate", "Resolve", "Snooze", "Reassign");
            assertThat(triggered).contains("<option value=\"alice\">alice</option>");

            String csrf = TestHttp.csrfOf(triggered);
            var snoozed = rita.postForm(
                    "/incidents/" + number + "/snooze", java.util.Map.of("_csrf", csrf, "duration", "2h"));
            assertThat(snoozed.statusCode()).isEqualTo(303);
            String acknowledged = rita.get("/incidents/" + number).body();
            assertThat(acknowledged).contains("acknowledged").contains("Snoozed until");
            assertThat(buttons(acknowledged))
                    .containsExactly("Un-acknowledge", "Escalate", "Resolve", "Snooze", "Reassign");

            var refused = rita.postForm(
                    "/incidents/" + number + "/reassign",
                    java.util.Map.of("_csrf", csrf, "user", "alcie"),
                    "Accept",
                    "text/html");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("did you mean \"alice\"?");
            var withoutToken = rita.postForm(
                    "/incidents/" + number + "/reassign", java.util.Map.of("user", "alice"), "Accept", "text/html");
            assertThat(withoutToken.statusCode())
                    .as("a form without the CSRF token")
                    .isEqualTo(403);

            rita.postForm("/incidents/" + number + "/reassign", java.util.Map.of("_csrf", csrf, "user", "alice"));
            String reassigned = rita.get("/incidents/" + number).body();
            assertThat(reassigned).contains("Reassigned to alice by user:rita").doesNotContain("Snoozed until");
            assertThat(buttons(reassigned)).startsWith("Acknowledge");

            rita.postForm("/incidents/" + number + "/resolve", java.util.Map.of("_csrf", csrf));
            assertThat(buttons(rita.get("/incidents/" + number).body()))
                    .as("a resolved incident offers nothing")
                    .isEmpty();

            firewatch.setPassword("vera", "vera-password-1");
            TestHttp vera = firewatch.http();
            vera.signIn("vera", "vera-password-1");
            assertThat(buttons(vera.get("/incidents/" + number).body()))
                    .as("a viewer acts on nothing")
                    .isEmpty();
        }
    }

    /** The incident's action buttons, in page order (the layout's sign-out button is not one). */
    private static java.util.List<String> buttons(String html) {
        java.util.List<String> found = new java.util.ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("<button type=\"submit\"[^>]*>([^<]+)</button>")
                .matcher(html);
        while (matcher.find()) {
            if (!matcher.group(1).equals("Sign out")) {
                found.add(matcher.group(1));
            }
        }
        return found;
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
