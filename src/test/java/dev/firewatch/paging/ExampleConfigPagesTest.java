package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.notify.WebhookSender;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.1 "The example config pages somewhere real": with FIREWATCH_DEMO_WEBHOOK_URL set, a critical event on
 * demo pages that URL at once, signed with the demo secret, and the channel hears the acknowledgement and the
 * resolve, each once.
 */
class ExampleConfigPagesTest {
    @Test
    void aCriticalEventOnDemoPagesTheDemoWebhookAtOnce(@TempDir Path dir) throws IOException {
        String example = Files.readString(Path.of("firewatch.yaml"));
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(
                        dir, example, Clock.systemUTC(), Map.of("FIREWATCH_DEMO_WEBHOOK_URL", receiver.url("/hook")))) {
            firewatch.http().postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "api-down",
                     "payload": {"summary": "API answers 503", "source": "lb-1", "severity": "critical"}}""");

            WebhookReceiver.Received page = receiver.await(r -> r.size() == 1).getFirst();
            assertThat(page.json().path("event").asText()).isEqualTo("incident.triggered");
            assertThat(page.json().path("incident").path("service").asText()).isEqualTo("demo");
            assertThat(page.header("X-Firewatch-Signature"))
                    .isEqualTo("sha256="
                            + WebhookSender.signature(
                                    "demo-secret", page.header("X-Firewatch-Timestamp"), page.body()));
            assertThat(page.json().path("links").path("incident").asText())
                    .startsWith("http://127.0.0.1:8080/incidents/");

            String incident = page.json().path("incident").path("id").asText();
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            responder.postJson("/api/v1/incidents/" + incident + "/acknowledge", "");
            receiver.await(r -> r.size() == 2);
            responder.postJson("/api/v1/incidents/" + incident + "/resolve", "");
            List<WebhookReceiver.Received> all = receiver.await(r -> r.size() == 3);
            assertThat(all)
                    .extracting(r -> r.json().path("event").asText())
                    .containsExactly("incident.triggered", "incident.acknowledged", "incident.resolved");
            assertThat(all).extracting(r -> r.header("Idempotency-Key")).doesNotHaveDuplicates();
        }
    }
}
