package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.RecordingReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A page on a phone through ntfy: how loud it is, what it says, and what its buttons open. */
class NtfySenderTest {
    static PostClient http;
    RecordingReceiver ntfy;
    NtfySender sender;

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
        ntfy = RecordingReceiver.start();
        sender = new NtfySender(http, SlackSenderTest.QUICK);
    }

    @AfterEach
    void stop() {
        ntfy.close();
    }

    Delivery send(Notification notification, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("url", ntfy.url("/"), "topic", "alice-pages"));
        settings.putAll(extra);
        return sender.send(notification, Samples.channel("ntfy", settings));
    }

    @Test
    void aPageIsLoudOpensTheIncidentAndHasButtonsThatOpenTheConfirmPages() throws Exception {
        Delivery delivery = send(Samples.triggered(), Map.of("token", "tk_s3cr3t"));

        assertThat(delivery).isEqualTo(new Delivery.Delivered("HTTP 200"));
        RecordingReceiver.Request request = ntfy.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/alice-pages");
        assertThat(request.header("Title")).isEqualTo("#42 SEV1 demo: Database does not answer");
        assertThat(request.header("Priority")).isEqualTo("5");
        assertThat(request.header("Tags")).isEqualTo("rotating_light,SEV1");
        assertThat(request.header("Click")).isEqualTo(Samples.INCIDENT_LINK);
        assertThat(request.header("Authorization")).isEqualTo("Bearer tk_s3cr3t");
        assertThat(request.header("Idempotency-Key")).isEqualTo("idem-n-1");
        assertThat(request.body())
                .isEqualTo("Triggered: Database does not answer (#42, SEV1, service demo)\n"
                        + "Alert: db-1 refuses connections");

        JsonNode actions = new ObjectMapper().readTree(request.header("Actions"));
        assertThat(actions).hasSize(3);
        assertThat(actions.findValuesAsText("action"))
                .as("view opens the confirm page; an http action would act without asking")
                .containsOnly("view");
        assertThat(actions.findValuesAsText("label")).containsExactly("Acknowledge", "Resolve", "Runbook");
        assertThat(actions.findValuesAsText("url"))
                .containsExactly(Samples.ACK_LINK, Samples.RESOLVE_LINK, Samples.RUNBOOK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "the worst severity rings through do-not-disturb, incident.triggered, SEV1, 5",
        "an alert's critical counts as the worst,         incident.triggered, critical, 5",
        "the second severity is high,                     incident.triggered, SEV2, 4",
        "a lesser severity is the default,                incident.triggered, SEV3, 3",
        "an escalation is as loud as the page,            incident.escalated, SEV1, 5",
        "a resolve waits quietly,                         incident.resolved, SEV1, 2",
    })
    void priorityFollowsSeverity(String sentence, String event, String severity, String priority) {
        String state = event.equals("incident.resolved") ? "resolved" : "triggered";
        send(Samples.notification("n-p", event, state, severity, "Disk full"), Map.of());

        assertThat(ntfy.take().header("Priority")).isEqualTo(priority);
    }

    @Test
    void aResolveSaysSoWithACheckMarkAndNoButtonsToAct() {
        send(Samples.notification("n-r", "incident.resolved", "resolved", "SEV1", "Disk full"), Map.of());

        RecordingReceiver.Request request = ntfy.take();
        assertThat(request.header("Title")).isEqualTo("Resolved #42 SEV1 demo: Disk full");
        assertThat(request.header("Tags")).startsWith("white_check_mark");
        assertThat(request.header("Actions")).isNull();
        assertThat(request.header("Click")).isEqualTo(Samples.INCIDENT_LINK);
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        send(Samples.triggered(), Map.of("token", ""));

        assertThat(ntfy.take().header("Authorization")).isNull();
    }

    @Test
    void aTitleInAnyLanguageArrivesIntactAsAnEncodedWord() {
        send(
                Samples.notification(
                        "n-u", "incident.triggered", "triggered", "SEV2", "Datenbank antwortet nicht — 数据库"),
                Map.of());

        String title = ntfy.take().header("Title");
        assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
        String decoded = new String(
                Base64.getDecoder().decode(title.substring("=?UTF-8?B?".length(), title.length() - 2)),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("#42 SEV2 demo: Datenbank antwortet nicht — 数据库");
    }

    @Test
    void aWrongTokenFailsForGoodAndTheReasonDoesNotShowIt() {
        ntfy.answering(403, "{\"code\":40301,\"http\":403,\"error\":\"forbidden\"}");

        Delivery delivery = send(Samples.triggered(), Map.of("token", "tk_s3cr3t"));

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        Delivery.Failed failed = (Delivery.Failed) delivery;
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason())
                .startsWith("ntfy refused the message with HTTP 403")
                .doesNotContain("tk_s3cr3t");
    }

    @Test
    void aRateLimitIsTriedAgain() {
        ntfy.answering(429, "");

        assertThat(send(Samples.triggered(), Map.of())).isEqualTo(new Delivery.Failed("ntfy answered HTTP 429", false));
    }

    @Test
    @Timeout(10)
    void aServerThatNeverAnswersFailsWithinTheTimeout() {
        ntfy.neverAnswering();

        Delivery delivery = send(Samples.triggered(), Map.of());

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) delivery).permanent()).isFalse();
    }

    @Test
    void aChannelsOwnTemplatesReplaceTitleAndBody() {
        send(
                Samples.triggered(),
                Map.of(
                        "title", "{incident.severity}: {incident.title}",
                        "text", "{event} on {incident.service}; runbook {runbook_url}"));

        RecordingReceiver.Request request = ntfy.take();
        assertThat(request.header("Title")).isEqualTo("SEV1: Database does not answer");
        assertThat(request.body())
                .isEqualTo("triggered on demo; runbook " + Samples.RUNBOOK + "\nAlert: db-1 refuses connections");
    }
}
