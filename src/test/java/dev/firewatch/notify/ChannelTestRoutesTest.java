package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.RecordingReceiver;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Send test" on the dashboard and its API: an admin finds a wrong channel before a page does. */
class ChannelTestRoutesTest {
    @TempDir
    static Path dir;

    static RecordingReceiver slack;
    static TestFirewatch firewatch;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        slack = RecordingReceiver.start();
        firewatch = TestFirewatch.start(
                dir,
                TestFirewatch.BASE_CONFIG + """
                channels:
                  - name: team
                    type: slack
                    url: %s
                  - name: phone
                    type: ntfy
                    url: ${NTFY_URL:-}
                    topic: pages
                """.formatted(slack.url("/services/T1/B1/secret")),
                Clock.systemUTC(),
                Map.of());
    }

    @AfterAll
    static void stop() {
        firewatch.close();
        slack.close();
    }

    @BeforeEach
    void answerOk() {
        slack.answering(200, "ok");
        slack.rest();
    }

    @Test
    void anAdminSendsATestAndSeesWhatTheReceiverSaid() throws Exception {
        HttpResponse<String> response =
                firewatch.http().withKey(firewatch.key(Role.ADMIN)).postJson("/api/v1/channels/team/test", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree(
                        "{\"channel\": \"team\", \"type\": \"slack\", \"delivered\": true, \"detail\": \"HTTP 200\"}"));
        JsonNode message = slack.take().json();
        assertThat(message.path("blocks").path(0).path("text").path("text").asText())
                .isEqualTo(":test_tube: Test notification from Firewatch");
        assertThat(message.path("text").asText()).contains("This is a test from Firewatch for team.");
    }

    @Test
    void aReceiverThatRefusesIsAnAnswerNotAnError() throws Exception {
        slack.answering(404, "no_service");

        HttpResponse<String> response =
                firewatch.http().withKey(firewatch.key(Role.ADMIN)).postJson("/api/v1/channels/team/test", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("delivered").asBoolean()).isFalse();
        assertThat(body.path("detail").asText()).isEqualTo("Slack refused the message with HTTP 404: no_service");
    }

    @Test
    void aChannelThatIsOffSaysSoWithoutSending() throws Exception {
        HttpResponse<String> response =
                firewatch.http().withKey(firewatch.key(Role.ADMIN)).postJson("/api/v1/channels/phone/test", "");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("delivered").asBoolean()).isFalse();
        assertThat(body.path("detail").asText()).startsWith("channel phone is off");
    }

    @Test
    void aResponderMayNotSendTests() {
        HttpResponse<String> response =
                firewatch.http().withKey(firewatch.key(Role.RESPONDER)).postJson("/api/v1/channels/team/test", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(slack.rest()).isEmpty();
    }

    @Test
    void anUnknownChannelIsA404NamingTheKnownOnes() throws Exception {
        HttpResponse<String> response =
                firewatch.http().withKey(firewatch.key(Role.ADMIN)).postJson("/api/v1/channels/taem/test", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("no channel named \"taem\"; the config has team, phone");
    }

    @Test
    void theDashboardOffersTheButtonToAdminsAndItAnswersWithALine() {
        TestHttp admin = firewatch.http();
        admin.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        String page = admin.get("/").body();
        assertThat(page).contains("hx-post=\"/api/v1/channels/team/test\"").contains("Send test");

        // What htmx sends when the button is pressed: the form's CSRF token, and HX-Request.
        HttpResponse<String> line = admin.postForm(
                "/api/v1/channels/team/test", Map.of("_csrf", TestHttp.csrfOf(page)), "HX-Request", "true");

        assertThat(line.statusCode()).isEqualTo(200);
        assertThat(line.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(line.body().strip()).isEqualTo("<span class=\"status ok\">sent: HTTP 200</span>");
        assertThat(slack.take().path()).isEqualTo("/services/T1/B1/secret");

        firewatch.setPassword("vera", "vera-password-1");
        TestHttp viewer = firewatch.http();
        viewer.signIn("vera", "vera-password-1");
        assertThat(viewer.get("/").body()).contains("team").doesNotContain("Send test");
    }
}
