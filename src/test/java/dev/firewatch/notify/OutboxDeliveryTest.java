package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against receivers that misbehave the way real ones do: a 500 is retried with the same idempotency key
 * until it goes through, once; a method that keeps timing out gives way to the person's next one, and the dead
 * letter it leaves is counted where operators look.
 */
class OutboxDeliveryTest {
    static final String TRIGGER = """
            {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "disk-full",
             "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical"}}""";

    /** alice is paged by step 1 of the demo service's policy, through {@code methods} by {@code rules}. */
    static String config(String methods, String rules, String notify) {
        return """
                server:
                  host: 127.0.0.1
                users:
                  - name: admin
                    role: admin
                  - name: alice
                    role: responder
                    notification_rules: %s
                    contact_methods:
                %s
                services:
                  - name: demo
                    integration_key: demo-key
                escalation_policies:
                  - name: page-alice
                    services: [demo]
                    steps:
                      - users: [alice]
                        wait: 30m
                notify:
                %s
                """.formatted(rules, methods, notify);
    }

    @Test
    void aReceiverThatFailsTwiceGetsExactlyOneSuccessfulDelivery(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500, 500);
            String yaml = config(
                    "      - {name: phone, type: webhook, url: " + receiver.url("/alice") + "}",
                    "{high: [phone]}",
                    "  backoff: 10s\n  max_backoff: 10s\n  attempts: 4");
            try (TestFirewatch firewatch = TestFirewatch.start(dir, yaml, clock, Map.of())) {
                firewatch.http().postJson("/v2/enqueue", TRIGGER);
                TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
                String incident = receiver.await(r -> r.size() == 1)
                        .getFirst()
                        .json()
                        .path("incident")
                        .path("id")
                        .asText();
                // Each failure must be recorded (its next try set from the clock) before the clock moves on.
                awaitTimeline(viewer, incident, "failed (attempt 1 of 4)");
                clock.advance(Duration.ofSeconds(10)); // the backoff with jitter is 5 to 10 s
                receiver.await(r -> r.size() == 2);
                awaitTimeline(viewer, incident, "failed (attempt 2 of 4)");
                clock.advance(Duration.ofSeconds(10));
                List<WebhookReceiver.Received> tries = receiver.await(r -> r.size() == 3);

                assertThat(tries)
                        .extracting(r -> r.header("Idempotency-Key"))
                        .containsOnly(tries.getFirst().header("Idempotency-Key"));
                assertThat(tries)
                        .extracting(r ->
                                r.json().path("notification").path("attempt").asInt())
                        .containsExactly(1, 2, 3);
                JsonNode notifications = Eventually.within(
                        Duration.ofSeconds(10),
                        () -> viewer.getJson("/api/v1/notifications?incident=" + incident)
                                .path("notifications"),
                        list -> StreamSupport.stream(list.spliterator(), false)
                                .anyMatch(n -> n.path("state").asText().equals("sent")));
                assertThat(notifications).hasSize(1);
                assertThat(notifications.get(0).path("attempts").asInt()).isEqualTo(3);
                assertThat(notifications.get(0).path("detail").asText()).isEqualTo("HTTP 200");

                // Later polls find nothing to send: the confirmed send is never repeated.
                clock.advance(Duration.ofMinutes(10));
                sleepPastAPoll();
                assertThat(receiver.received()).hasSize(3);
                String timeline = viewer.getJson("/api/v1/incidents/" + incident)
                        .path("timeline")
                        .toString();
                assertThat(timeline)
                        .contains("Page to alice by phone failed (attempt 1 of 4): webhook phone answered HTTP 500")
                        .contains("Page to alice by phone failed (attempt 2 of 4)")
                        .contains("Page to alice by phone: delivered, HTTP 200");
            }
        }
    }

    @Test
    void aMethodThatTimesOutFallsBackToTheNextAndLeavesAVisibleDeadLetter(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.hang("/phone", 2); // both tries time out; the phone works again by the time a person retries
            // Only the phone pages by her rules; the sms is where she falls back to.
            String yaml = config(
                    "      - {name: phone, type: webhook, url: " + receiver.url("/phone") + "}\n"
                            + "      - {name: sms, type: webhook, url: " + receiver.url("/sms") + "}",
                    "{high: [phone]}",
                    "  timeout: 300ms\n  attempts: 2\n  backoff: 10s\n  max_backoff: 10s");
            try (TestFirewatch firewatch = TestFirewatch.start(dir, yaml, clock, Map.of())) {
                firewatch.http().postJson("/v2/enqueue", TRIGGER);
                receiver.await(r -> r.size() == 1);
                // The first try must have timed out and been recorded before the clock moves past its backoff.
                TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
                String incident = receiver.received()
                        .getFirst()
                        .json()
                        .path("incident")
                        .path("id")
                        .asText();
                Eventually.within(
                        Duration.ofSeconds(10),
                        () -> viewer.getJson("/api/v1/incidents/" + incident)
                                .path("timeline")
                                .toString(),
                        timeline -> timeline.contains("failed (attempt 1 of 2)"));
                clock.advance(Duration.ofSeconds(10));
                List<WebhookReceiver.Received> all = receiver.await(r -> r.size() == 3);

                assertThat(all).extracting(WebhookReceiver.Received::path).containsExactly("/phone", "/phone", "/sms");
                assertThat(all.get(2).header("Idempotency-Key")).endsWith("/fallback:sms");
                JsonNode dead = Eventually.within(
                        Duration.ofSeconds(10),
                        () -> viewer.getJson("/api/v1/notifications?state=dead").path("notifications"),
                        list -> list.size() == 1);
                assertThat(dead.get(0).path("method").asText()).isEqualTo("phone");
                assertThat(dead.get(0).path("detail").asText()).contains("did not answer within 0.3 s");

                assertThat(viewer.get("/notifications").body())
                        .as("the dead-letter page shows it")
                        .contains("alice by phone")
                        .contains("did not answer within 0.3 s");
                assertThat(firewatch.http().get("/readyz").body()).contains("1 dead letter");
                assertThat(firewatch.http().get("/readyz").statusCode())
                        .as("a dead letter degrades readiness; it does not take Firewatch out of service")
                        .isEqualTo(200);
                assertThat(firewatch.http().get("/metrics").body()).contains("firewatch_notifications_dead 1.0");
                String timeline = Eventually.within(
                        Duration.ofSeconds(10),
                        () -> viewer.getJson("/api/v1/incidents/" + incident)
                                .path("timeline")
                                .toString(),
                        t -> t.contains("by sms: delivered"));
                assertThat(timeline)
                        .contains("Page to alice by phone gave up (attempt 2 of 2)")
                        .contains("Falling back to alice by sms")
                        .contains("Page to alice by sms: delivered, HTTP 200");

                // Once the phone's receiver is fixed, a responder sends the dead letter again: it goes out, stops
                // counting, and the audit log says who did it.
                TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
                String id = dead.get(0).path("id").asText();
                assertThat(responder
                                .postJson("/api/v1/notifications/" + id + "/retry", "")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(receiver.await(r -> r.size() == 4).get(3).path()).isEqualTo("/phone");
                Eventually.within(
                        Duration.ofSeconds(10),
                        () -> viewer.getJson("/api/v1/notifications?state=dead").path("notifications"),
                        list -> list.isEmpty());
                assertThat(firewatch.http().get("/readyz").body()).doesNotContain("dead letter");
                assertThat(responder
                                .postJson("/api/v1/notifications/" + id + "/retry", "")
                                .statusCode())
                        .as("a notification that is not a dead letter cannot be retried")
                        .isEqualTo(404);
                assertThat(firewatch
                                .http()
                                .withKey(firewatch.key(Role.ADMIN))
                                .get("/api/v1/audit")
                                .body())
                        .contains("notification.retry");
            }
        }
    }

    private static void awaitTimeline(TestHttp viewer, String incident, String text) {
        Eventually.within(
                Duration.ofSeconds(10),
                () -> viewer.getJson("/api/v1/incidents/" + incident)
                        .path("timeline")
                        .toString(),
                timeline -> timeline.contains(text));
    }

    private static void sleepPastAPoll() {
        try {
            Thread.sleep(1000); // the outbox polls every 200 ms; nothing is due, so nothing may arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
