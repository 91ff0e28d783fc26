package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook's body (DESIGN §3.1) is the same JSON whether it is written from the notification's parts or
 * made from the payload as the outbox queued it.
 */
class WebhookSenderTest {
    final ObjectMapper json = new ObjectMapper();
    final WebhookSender sender = new WebhookSender(null, Duration.ofSeconds(1), Clock.systemUTC(), json);

    @Test
    void aQueuedPayloadBecomesTheSameBodyAsOneWrittenFromItsParts() throws Exception {
        Notification made = Samples.triggered();
        Notification queued = Notification.queued(
                made.id(),
                "inc-1/p0/s1/r1/channel:\"ops\" \\ team",
                2,
                made.event(),
                made.recipient(),
                payload(made),
                json);
        Notification writtenFromParts = new Notification(
                made.id(),
                queued.idempotencyKey(),
                2,
                made.event(),
                made.recipient(),
                made.incident(),
                made.alerts(),
                made.links());

        JsonNode spliced = json.readTree(sender.body(queued));

        assertThat(spliced).isEqualTo(json.readTree(sender.body(writtenFromParts)));
        assertThat(spliced.path("notification").path("idempotency_key").asText())
                .isEqualTo("inc-1/p0/s1/r1/channel:\"ops\" \\ team");
        assertThat(spliced.path("notification").path("attempt").asInt()).isEqualTo(2);
        assertThat(spliced.path("links").path("acknowledge").asText()).isEqualTo(Samples.ACK_LINK);
    }

    @Test
    void aPayloadQueuedForAnotherEventIsWrittenFromItsPartsWithThisEvent() throws Exception {
        Notification made = Samples.triggered();
        Notification queued =
                Notification.queued(made.id(), "k", 1, "incident.resolved", made.recipient(), payload(made), json);

        JsonNode body = json.readTree(sender.body(queued));

        assertThat(body.path("event").asText()).isEqualTo("incident.resolved");
        assertThat(body.path("incident")).isEqualTo(made.incident());
    }

    /** The payload as the pager queues it: event, incident, alerts, links, in that order. */
    private String payload(Notification n) throws Exception {
        ObjectNode payload = json.createObjectNode();
        payload.put("event", n.event());
        payload.set("incident", n.incident());
        payload.set("alerts", n.alerts());
        payload.putObject("links")
                .put("incident", n.links().incident())
                .put("acknowledge", n.links().acknowledge())
                .put("resolve", n.links().resolve());
        return json.writeValueAsString(payload);
    }
}
