package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.testing.RecordingReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page in a Microsoft Teams channel: the card the on-call person reads and the buttons they press. */
class TeamsSenderTest {
    // A Teams webhook URL carries its own signature; it must never show up in a reason.
    static final String SECRET_PATH = "/workflows/abc123/triggers/manual/paths/invoke?sig=s3cr3tSig";

    static PostClient http;
    RecordingReceiver teams;
    TeamsSender sender;

    @BeforeAll
    static void client() {
        http = new PostClient(Duration.ofSeconds(5));
    }

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @BeforeEach
    void start() {
        teams = RecordingReceiver.start();
        sender = new TeamsSender(http, SlackSenderTest.QUICK);
    }

    @AfterEach
    void stop() {
        teams.close();
    }

    Delivery send(Notification notification) {
        return sender.send(notification, Samples.channel("teams", Map.of("url", teams.url(SECRET_PATH))));
    }

    @Test
    void aPageIsAnAdaptiveCardWithTheIncidentAndButtonsToActOnIt() {
        Delivery delivery = send(Samples.triggered());

        assertThat(delivery).isEqualTo(new Delivery.Delivered("HTTP 200"));
        RecordingReceiver.Request request = teams.take();
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("idem-n-1");
        JsonNode message = request.json();
        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").path(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(lines(card))
                .containsExactly(
                        "#42 SEV1 demo: Database does not answer",
                        "Triggered: Database does not answer (#42, SEV1, service demo)",
                        "Service: demo",
                        "Severity: SEV1",
                        "State: triggered",
                        "Alert: db-1 refuses connections");
        assertThat(headline(card).path("color").asText()).isEqualTo("Attention");
        assertThat(buttons(card))
                .containsExactly(
                        "Acknowledge -> " + Samples.ACK_LINK,
                        "Resolve -> " + Samples.RESOLVE_LINK,
                        "Runbook -> " + Samples.RUNBOOK,
                        "Open incident -> " + Samples.INCIDENT_LINK);
    }

    @Test
    void aResolveIsGreenAndOffersOnlyTheIncident() {
        send(Samples.notification("n-r", "incident.resolved", "resolved", "SEV1", "Disk full"));

        JsonNode card = teams.take().json().path("attachments").path(0).path("content");
        assertThat(lines(card).getFirst()).isEqualTo("Resolved #42 SEV1 demo: Disk full");
        assertThat(headline(card).path("color").asText()).isEqualTo("Good");
        assertThat(buttons(card)).containsExactly("Open incident -> " + Samples.INCIDENT_LINK);
    }

    @Test
    void anAcknowledgedIncidentOffersNoSecondAcknowledge() {
        send(Samples.notification("n-a", "incident.acknowledged", "acknowledged", "SEV1", "Disk full"));

        JsonNode card = teams.take().json().path("attachments").path(0).path("content");
        assertThat(buttons(card)).first().asString().startsWith("Resolve -> ");
    }

    @Test
    void aTitleWithMarkdownShowsAsWrittenBecauseTextRunsAreNeverMarkdown() {
        send(Samples.notification("n-m", "incident.triggered", "triggered", "SEV2", "queue *jobs_1* [stuck]"));

        JsonNode card = teams.take().json().path("attachments").path(0).path("content");
        assertThat(card.path("body").findValuesAsText("type")).doesNotContain("TextBlock");
        assertThat(lines(card).getFirst()).isEqualTo("#42 SEV2 demo: queue *jobs_1* [stuck]");
    }

    @Test
    void aRefusalIsForGoodAndTheReasonDoesNotShowTheUrlsSignature() {
        teams.answering(400, "Bad payload");

        Delivery delivery = send(Samples.triggered());

        assertThat(delivery)
                .isEqualTo(new Delivery.Failed("Teams refused the message with HTTP 400: Bad payload", true));
        assertThat(((Delivery.Failed) delivery).reason()).doesNotContain("s3cr3tSig");
    }

    @Test
    void aThrottledPostIsTriedAgain() {
        teams.answering(429, "");

        assertThat(send(Samples.triggered())).isEqualTo(new Delivery.Failed("Teams answered HTTP 429", false));
    }

    /** Each block of the card as the reader sees it: its text runs joined. */
    private static List<String> lines(JsonNode card) {
        List<String> out = new ArrayList<>();
        card.path("body").forEach(block -> {
            StringBuilder line = new StringBuilder();
            block.path("inlines").forEach(run -> line.append(run.path("text").asText()));
            out.add(line.toString());
        });
        return out;
    }

    private static JsonNode headline(JsonNode card) {
        return card.path("body").path(0).path("inlines").path(0);
    }

    private static List<String> buttons(JsonNode card) {
        List<String> out = new ArrayList<>();
        card.path("actions").forEach(a -> {
            assertThat(a.path("type").asText()).isEqualTo("Action.OpenUrl");
            out.add(a.path("title").asText() + " -> " + a.path("url").asText());
        });
        return out;
    }
}
