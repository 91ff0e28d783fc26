package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesAndSeverityTest {
    @Test
    void aDeployJustBeforeAnIncidentShowsOnItsPageAndAResponderCanChangeItsSeverity(@TempDir Path dir)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            TestHttp sender = firewatch.http();
            var change = sender.postJson("/v2/change/enqueue", """
                    {"routing_key": "demo-key", "payload": {"summary": "Deploy checkout v42", "source": "ci"}}""");
            assertThat(change.statusCode()).isEqualTo(202);
            assertThat(json.readTree(change.body()).path("status").asText()).isEqualTo("success");
            assertThat(sender.postJson(
                                    "/v2/change/enqueue",
                                    "{\"routing_key\": \"nobody\", \"payload\": {\"summary\": \"x\"}}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(sender.postJson("/v2/change/enqueue", "{\"routing_key\": \"demo-key\"}")
                            .statusCode())
                    .isEqualTo(400);

            sender.postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "co-1",
                     "payload": {"summary": "Checkout errors", "source": "shop", "severity": "error"}}""");
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            JsonNode incident = Eventually.within(
                    Duration.ofSeconds(5),
                    () -> responder
                            .getJson("/api/v1/incidents")
                            .path("incidents")
                            .path(0),
                    node -> !node.isMissingNode());
            assertThat(incident.path("severity").asText()).isEqualTo("SEV2");
            assertThat(responder
                            .get("/incidents/" + incident.path("number").asText())
                            .body())
                    .contains("Deploy checkout v42")
                    .contains("(ci)");

            var raised = responder.postJson(
                    "/api/v1/incidents/" + incident.path("number").asText() + "/severity", "{\"severity\": \"SEV1\"}");
            assertThat(raised.statusCode()).isEqualTo(200);
            assertThat(json.readTree(raised.body()).path("severity").asText()).isEqualTo("SEV1");
            assertThat(responder
                            .get("/api/v1/incidents/" + incident.path("id").asText())
                            .body())
                    .contains("Severity changed from SEV2 to SEV1 by key:fw_");
            var bad = responder.postJson(
                    "/api/v1/incidents/" + incident.path("number").asText() + "/severity", "{\"severity\": \"SEV9\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("SEV1, SEV2, SEV3");
        }
    }
}
