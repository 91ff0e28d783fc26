package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.testing.RecordingReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A page in Slack: what the on-call person reads, the buttons they press, and what Slack's answers mean. */
class SlackSenderTest {
    static final DeliverySpec QUICK = new DeliverySpec(
            Duration.ofMillis(700),
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            5,
            Duration.ofSeconds(5),
            Duration.ofHours(24));
    // Slack's incoming-webhook URL is a password; its last part must never show up in a reason.
    static final String SECRET_PATH = "/services/T0001/B0001/XyZsecretToken";

    static PostClient http;
    RecordingReceiver slack;
    SlackSender sender;

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
        slack = RecordingReceiver.start();
        sender = new SlackSender(http, QUICK);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    Delivery send(Notification notification) {
        return sender.send(notification, Samples.channel("slack", Map.of("url", slack.url(SECRET_PATH))));
    }

    @Test
    void aPageShowsTheIncidentAndButtonsToAcknowledgeResolveAndOpenIt() {
        Delivery delivery = send(Samples.triggered());

        assertThat(delivery).isEqualTo(new Delivery.Delivered("HTTP 200"));
        RecordingReceiver.Request request = slack.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(SECRET_PATH);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("idem-n-1");
        JsonNode message = request.json();
        assertThat(message.path("text").asText())
                .as("the fallback text phones show in the notification")
                .contains("#42 SEV1 demo: Database does not answer");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.path(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.path(0).path("text").path("text").asText())
                .isEqualTo(":rotating_light: #42 SEV1 demo: Database does not answer");
        assertThat(texts(fieldsOf(blocks)))
                .containsExactly(
                        "*Service*\ndemo",
                        "*Severity*\nSEV1",
                        "*State*\ntriggered",
                        "*Alert*\ndb-1 refuses connections");
        assertThat(buttons(blocks))
                .containsExactly(
                        "Acknowledge -> " + Samples.ACK_LINK,
                        "Resolve -> " + Samples.RESOLVE_LINK,
                        "Runbook -> " + Samples.RUNBOOK,
                        "Open incident -> " + Samples.INCIDENT_LINK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "an acknowledgement says so and offers to resolve, incident.acknowledged, acknowledged,"
                + " :eyes: Acknowledged #42, Resolve",
        "an escalation says so, incident.escalated, triggered, :arrow_double_up: Escalated #42, Acknowledge",
        "a reopened incident says so, incident.reopened, triggered, :repeat: Reopened #42, Acknowledge",
        "a resolve says so and offers nothing to press but the incident, incident.resolved, resolved,"
                + " :white_check_mark: Resolved #42, Open incident",
    })
    void eventsOtherThanAPageSayWhatHappened(
            String sentence, String event, String state, String headerStart, String firstButton) {
        send(Samples.notification("n-2", event, state, "SEV1", "Database does not answer"));

        JsonNode blocks = slack.take().json().path("blocks");
        assertThat(blocks.path(0).path("text").path("text").asText()).startsWith(headerStart);
        assertThat(buttons(blocks).getFirst()).startsWith(firstButton + " -> ");
        if (event.equals("incident.resolved")) {
            assertThat(buttons(blocks)).noneMatch(b -> b.startsWith("Acknowledge") || b.startsWith("Resolve"));
        }
    }

    @Test
    void aTitleIsShownAsWrittenNotReadAsSlackMarkup() {
        send(Samples.notification("n-3", "incident.triggered", "triggered", "SEV2", "<!channel> & <b>x</b>"));

        JsonNode message = slack.take().json();
        assertThat(message.path("blocks").path(1).path("text").path("text").asText())
                .contains("&lt;!channel&gt; &amp; &lt;b&gt;x&lt;/b&gt;")
                .doesNotContain("<!channel>");
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource({
        "200, delivered,",
        "204, delivered,",
        "429, retried later,  false",
        "500, retried later,  false",
        "503, retried later,  false",
        "400, never retried,  true",
        "403, never retried,  true",
        "404, never retried,  true",
        "410, never retried,  true",
    })
    void slacksAnswerDecidesWhetherToTryAgain(int status, String outcome, Boolean permanent) {
        slack.answering(status, status == 404 ? "no_service" : status >= 300 ? "busy" : "");

        Delivery delivery = send(Samples.triggered());

        if (permanent == null) {
            assertThat(delivery).isEqualTo(new Delivery.Delivered("HTTP " + status));
        } else {
            assertThat(delivery).isInstanceOf(Delivery.Failed.class);
            Delivery.Failed failed = (Delivery.Failed) delivery;
            assertThat(failed.permanent()).isEqualTo(permanent);
            assertThat(failed.reason()).contains("HTTP " + status).doesNotContain("XyZsecretToken");
        }
    }

    @Test
    void slacksReasonForRefusingIsKeptForTheTimeline() {
        slack.answering(404, "no_service");

        Delivery.Failed failed = (Delivery.Failed) send(Samples.triggered());

        assertThat(failed.reason()).isEqualTo("Slack refused the message with HTTP 404: no_service");
    }

    @Test
    @Timeout(10) // without the sender's own deadline this would wait for the receiver for ever
    void aReceiverThatNeverAnswersFailsWithinTheTimeoutAndIsTriedAgain() {
        slack.neverAnswering();

        long started = System.nanoTime();
        Delivery delivery = send(Samples.triggered());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) delivery).permanent()).isFalse();
        assertThat(((Delivery.Failed) delivery).reason()).contains("did not answer within 0.7 s");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsTriedAgainAndTheReasonNamesOnlyTheHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Delivery delivery = sender.send(
                Samples.triggered(),
                Samples.channel("slack", Map.of("url", "http://127.0.0.1:" + closedPort + SECRET_PATH)));

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        Delivery.Failed failed = (Delivery.Failed) delivery;
        assertThat(failed.permanent()).isFalse();
        assertThat(failed.reason())
                .startsWith("could not connect to Slack at 127.0.0.1")
                .doesNotContain("XyZsecret");
    }

    @Test
    void aUrlThatIsNotAWebAddressFailsForGoodWithoutEchoingIt() {
        Delivery delivery =
                sender.send(Samples.triggered(), Samples.channel("slack", Map.of("url", "hooks.slack.com/secret")));

        assertThat(delivery)
                .isEqualTo(new Delivery.Failed("the channel's url must start with https:// or http://", true));
    }

    @Test
    void aChannelsOwnTemplatesReplaceTheDefaultWords() {
        sender.send(
                Samples.triggered(),
                Samples.channel(
                        "slack",
                        Map.of(
                                "url", slack.url("/hook"),
                                "title", "{incident.severity} in {incident.service}",
                                "text", "Paging {recipient}: {alert.summary}. Ack: {links.acknowledge}")));

        JsonNode message = slack.take().json();
        assertThat(message.path("blocks").path(0).path("text").path("text").asText())
                .isEqualTo(":rotating_light: SEV1 in demo");
        assertThat(message.path("blocks").path(1).path("text").path("text").asText())
                .isEqualTo("Paging alice: db-1 refuses connections. Ack: " + Samples.ACK_LINK);
    }

    private static JsonNode fieldsOf(JsonNode blocks) {
        return StreamSupport.stream(blocks.spliterator(), false)
                .filter(b -> b.has("fields"))
                .findFirst()
                .orElseThrow()
                .path("fields");
    }

    private static List<String> texts(JsonNode fields) {
        List<String> texts = new ArrayList<>();
        fields.forEach(f -> texts.add(f.path("text").asText()));
        return texts;
    }

    /** Each button as "label -> url", in order. */
    private static List<String> buttons(JsonNode blocks) {
        List<String> buttons = new ArrayList<>();
        blocks.forEach(block -> {
            if (block.path("type").asText().equals("actions")) {
                block.path("elements").forEach(b -> {
                    assertThat(b.path("type").asText()).isEqualTo("button");
                    buttons.add(b.path("text").path("text").asText() + " -> "
                            + b.path("url").asText());
                });
            }
        });
        return buttons;
    }
}
