package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.testing.RecordingReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page through a Telegram bot, against a loopback server standing in for the Bot API. */
class TelegramSenderTest {
    static final String TOKEN = "123456:AAH-s3cr3t-bot-token";

    static PostClient http;
    RecordingReceiver telegram;
    TelegramSender sender;

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
        telegram = RecordingReceiver.start().answering(200, "{\"ok\":true,\"result\":{\"message_id\":7}}");
        sender = new TelegramSender(http, SlackSenderTest.QUICK);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    Delivery send(Notification notification, Map<String, String> extra) {
        Map<String, String> settings =
                new HashMap<>(Map.of("token", TOKEN, "chat_id", "-1001234567890", "api_url", telegram.url("/")));
        settings.putAll(extra);
        return sender.send(notification, Samples.channel("telegram", settings));
    }

    @Test
    void aPageIsSentToTheChatWithButtonsThatOpenTheConfirmPages() {
        Delivery delivery = send(Samples.triggered(), Map.of());

        assertThat(delivery).isEqualTo(new Delivery.Delivered("HTTP 200"));
        RecordingReceiver.Request request = telegram.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode message = request.json();
        assertThat(message.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(message.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(message.path("text").asText())
                .isEqualTo("<b>#42 SEV1 demo: Database does not answer</b>\n"
                        + "Triggered: Database does not answer (#42, SEV1, service demo)\n"
                        + "Alert: db-1 refuses connections");
        assertThat(message.path("link_preview_options").path("is_disabled").asBoolean())
                .as("a preview would fetch the acknowledge link's confirm page for nothing")
                .isTrue();
        assertThat(buttons(message))
                .containsExactly(
                        "Acknowledge -> " + Samples.ACK_LINK,
                        "Resolve -> " + Samples.RESOLVE_LINK,
                        "Runbook -> " + Samples.RUNBOOK,
                        "Open incident -> " + Samples.INCIDENT_LINK);
    }

    @Test
    void aTitleWithMarkupCharactersShowsAsWritten() {
        send(Samples.notification("n-h", "incident.triggered", "triggered", "SEV2", "p95 <500ms & rising"), Map.of());

        assertThat(telegram.take().json().path("text").asText())
                .startsWith("<b>#42 SEV2 demo: p95 &lt;500ms &amp; rising</b>");
    }

    @Test
    void aResolveHasOnlyTheIncidentButton() {
        send(Samples.notification("n-r", "incident.resolved", "resolved", "SEV1", "Disk full"), Map.of());

        JsonNode message = telegram.take().json();
        assertThat(message.path("text").asText()).startsWith("<b>Resolved #42 SEV1 demo: Disk full</b>");
        assertThat(buttons(message)).containsExactly("Open incident -> " + Samples.INCIDENT_LINK);
    }

    @Test
    void aWrongChatFailsForGoodAndTheReasonNeverShowsTheToken() {
        telegram.answering(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");

        Delivery delivery = send(Samples.triggered(), Map.of());

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        Delivery.Failed failed = (Delivery.Failed) delivery;
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("chat not found").doesNotContain("s3cr3t");
    }

    @Test
    void aFloodWaitIsTriedAgain() {
        telegram.answering(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":3}}");

        Delivery delivery = send(Samples.triggered(), Map.of());

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) delivery).permanent()).isFalse();
    }

    @Test
    void aRefusedConnectionNamesTheHostButNotTheToken() {
        telegram.close();

        Delivery delivery = send(Samples.triggered(), Map.of());

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) delivery).reason()).contains("127.0.0.1").doesNotContain(TOKEN);
    }

    private static List<String> buttons(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.path("reply_markup")
                .path("inline_keyboard")
                .forEach(row -> row.forEach(b ->
                        out.add(b.path("text").asText() + " -> " + b.path("url").asText())));
        return out;
    }
}
