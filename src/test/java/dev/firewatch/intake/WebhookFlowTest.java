package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/integrations/webhook/{key}} over real HTTP, from a sender's body to the incident it opens. */
class WebhookFlowTest {
    static final String SECRET = "sentry-secret-for-tests";
    static final String WEBHOOKS = """
                webhooks:
                  - name: sentry
                    key: sentry-key
                    summary: $.data.issue.title
                    severity: $.data.issue.level
                    severity_map: {fatal: critical}
                    dedup_key: "sentry-{$.data.issue.id}"
                    action: $.action
                    action_map: {created: trigger, resolved: resolve, assigned: ignore}
                    labels: {project: $.data.issue.project}
                    signature: {header: Sentry-Hook-Signature, secret: "${SENTRY_SECRET}"}
                  - name: ci
                    key: ci-key
                    summary: "CI {$.pipeline} failed"
                    default_severity: warning
                    labels: {pipeline: $.pipeline}
            """;
    static final String CONFIG =
            TestFirewatch.BASE_CONFIG.replace("  host: 127.0.0.1\n", "  host: 127.0.0.1\n  max_body: 16KiB\n")
                    + WEBHOOKS;

    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static TestHttp responder;
    static TestHttp sender;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of("SENTRY_SECRET", SECRET));
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
        sender = firewatch.http();
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    static String sentryIssue(String action, String id, String title, String level) {
        return """
                {"action": "%s", "data": {"issue": {"id": "%s", "title": "%s", "level": "%s", "project": "shop"}},
                 "actor": {"type": "user", "name": "Rita"}}""".formatted(action, id, title, level);
    }

    static HttpResponse<String> postSigned(String body) {
        return sender.postJson("/api/v1/integrations/webhook/sentry-key", body, "Sentry-Hook-Signature", sign(body));
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode alertWithSummary(String summary) {
        return responder.awaitElement("/api/v1/alerts?service=demo", "alerts", "summary", summary);
    }

    /** The journal is read in order: once a later event is visible, an earlier one that was stored would be too. */
    static void assertNeverStored(String summary) {
        String later = "After " + summary;
        postSigned(sentryIssue("created", later, later, "error"));
        alertWithSummary(later);
        assertThat(responder.getJson("/api/v1/alerts?service=demo").findValuesAsText("summary"))
                .doesNotContain(summary);
    }

    static JsonNode incident(String id) {
        return responder.getJson("/api/v1/incidents/" + id);
    }

    @Test
    void aSignedSentryIssueOpensAnIncidentWithTheMappedFieldsAndItsResolveClosesIt() throws Exception {
        var created = postSigned(sentryIssue("created", "4021", "TypeError in checkout", "fatal"));
        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(json.readTree(created.body())).isEqualTo(json.readTree("""
                        {"status": "accepted", "message": "stored as a trigger for service demo", "service": "demo",
                         "action": "trigger", "dedup_key": "sentry-4021", "notes": []}"""));

        JsonNode alert = alertWithSummary("TypeError in checkout");
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("dedup_key").asText()).isEqualTo("sentry-4021");
        assertThat(alert.path("labels")).isEqualTo(json.readTree("{\"project\": \"shop\", \"webhook\": \"sentry\"}"));
        String incidentId = alert.path("incident_id").asText();
        JsonNode incident = incident(incidentId);
        assertThat(incident.path("title").asText()).isEqualTo("TypeError in checkout");
        assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
        assertThat(incident.path("state").asText()).isEqualTo("triggered");

        var resolved = postSigned(sentryIssue("resolved", "4021", "TypeError in checkout", "fatal"));
        assertThat(resolved.statusCode()).isEqualTo(202);
        assertThat(json.readTree(resolved.body()).path("action").asText()).isEqualTo("resolve");
        JsonNode after = Eventually.within(Duration.ofSeconds(5), () -> incident(incidentId), i -> i.path("state")
                .asText()
                .equals("resolved"));
        assertThat(after.path("alerts").path(0).path("state").asText()).isEqualTo("resolved");
    }

    @Test
    void anEventTheActionMapIgnoresIsAnsweredButNotStored() throws Exception {
        var assigned = postSigned(sentryIssue("assigned", "4100", "Ignored because assigned", "error"));

        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(json.readTree(assigned.body()).path("status").asText()).isEqualTo("ignored");
        assertThat(json.readTree(assigned.body()).path("message").asText())
                .isEqualTo("action_map says to ignore \"assigned\"; nothing was stored");
        assertNeverStored("Ignored because assigned");
    }

    @Test
    void aBadOrMissingSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
        String forged = sentryIssue("created", "6666", "Forged issue", "fatal");

        var wrong = sender.postJson(
                "/api/v1/integrations/webhook/sentry-key", forged, "Sentry-Hook-Signature", sign(forged + " "));
        var missing = sender.postJson("/api/v1/integrations/webhook/sentry-key", forged);
        var notHex = sender.postJson("/api/v1/integrations/webhook/sentry-key", forged, "Sentry-Hook-Signature", "zz");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).path("error").asText())
                .isEqualTo("the Sentry-Hook-Signature header does not match the HMAC-SHA256 of the body; check that"
                        + " the sender and signature.secret hold the same secret, and that nothing on the way"
                        + " changes the body");
        assertThat(json.readTree(wrong.body()).path("field").asText()).isEqualTo("Sentry-Hook-Signature");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("the Sentry-Hook-Signature header is missing", "HMAC-SHA256");
        assertThat(notHex.statusCode()).isEqualTo(401);
        assertThat(notHex.body()).contains("is not hex");
        for (var refused : java.util.List.of(wrong, missing, notHex)) {
            assertThat(refused.body()).doesNotContain(SECRET).doesNotContain(sign(forged));
        }
        assertNeverStored("Forged issue");
    }

    @Test
    void aBodyWithoutTheSummaryStillOpensAnIncidentNamedForWhatIsMissing() throws Exception {
        var response = sender.postJson("/api/v1/integrations/webhook/ci-key", "{\"status\": \"failed\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).path("notes").toString())
                .contains("summary: no value at CI {$.pipeline} failed");
        JsonNode alert = alertWithSummary("Webhook ci: no summary at CI {$.pipeline} failed");
        assertThat(alert.path("severity").asText()).isEqualTo("warning");
        assertThat(incident(alert.path("incident_id").asText()).path("state").asText())
                .isEqualTo("triggered");
    }

    @Test
    void malformedOversizedAndWronglyKeyedRequestsAreRefusedWithAReason() throws Exception {
        var notJson = sender.postJson("/api/v1/integrations/webhook/ci-key", "{\"pipeline\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).path("error").asText()).startsWith("the body is not valid JSON");

        var empty = sender.postJson("/api/v1/integrations/webhook/ci-key", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json.readTree(empty.body()).path("error").asText()).isEqualTo("the body is empty; expected JSON");

        String big = "{\"pipeline\": \"" + "x".repeat(20_000) + "\"}";
        var oversized = sender.postJson("/api/v1/integrations/webhook/ci-key", big);
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.body()).contains("server.max_body");

        var unknown = sender.postJson("/api/v1/integrations/webhook/no-such-key", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error").asText())
                .isEqualTo("no webhook has the key \"no-such-key\"; check services[].webhooks[].key in the config");

        var integrationKey = sender.postJson("/api/v1/integrations/webhook/demo-key", "{}");
        assertThat(integrationKey.statusCode()).isEqualTo(404);
        assertThat(integrationKey.body()).contains("that is the integration key of service demo");

        var webhookKeyElsewhere =
                sender.postJson("/api/v1/integrations/alertmanager/ci-key", "{\"version\": \"4\", \"alerts\": []}");
        assertThat(webhookKeyElsewhere.statusCode())
                .as("a webhook key names a mapping, not a service, so the other endpoints do not take it")
                .isEqualTo(404);
    }

    @Test
    void aReloadedConfigTakesANewWebhookAtOnce(@TempDir Path own) throws Exception {
        try (TestFirewatch server = TestFirewatch.start(own)) {
            TestHttp admin = server.http().withKey(server.key(Role.ADMIN));
            assertThat(server.http()
                            .postJson("/api/v1/integrations/webhook/ci-key", "{\"pipeline\": \"deploy\"}")
                            .statusCode())
                    .isEqualTo(404);

            Files.writeString(server.configFile(), TestFirewatch.BASE_CONFIG + """
                                webhooks:
                                  - {key: ci-key, summary: "CI {$.pipeline} failed"}
                            """);
            assertThat(admin.postJson("/api/v1/config/reload", "").statusCode()).isEqualTo(200);

            var accepted = server.http().postJson("/api/v1/integrations/webhook/ci-key", "{\"pipeline\": \"deploy\"}");
            assertThat(accepted.statusCode()).isEqualTo(202);
        }
    }
}
