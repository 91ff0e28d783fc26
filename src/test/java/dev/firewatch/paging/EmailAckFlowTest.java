package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * From trigger to acknowledgement by mail, through a real SMTP server: the page arrives with a one-click link; a
 * plain GET of it (what a mail client's link scanner does) changes nothing; confirming on the page acknowledges.
 */
class EmailAckFlowTest {
    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void theMailedAckLinkAcknowledgesOnlyWhenConfirmed(@TempDir Path dir) throws Exception {
        String config = """
                server:
                  host: 127.0.0.1
                users:
                  - name: admin
                    role: admin
                  - name: alice
                    email: alice@example.com
                    role: responder
                services:
                  - name: demo
                    integration_key: demo-key
                escalation_policies:
                  - name: page-alice
                    services: [demo]
                    steps:
                      - users: [alice]
                        wait: 10m
                notify:
                  smtp: {host: 127.0.0.1, port: %d, from: firewatch@example.com, security: none}
                """.formatted(mail.getSmtp().getPort());
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
            firewatch.http().postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "db",
                     "payload": {"summary": "Database does not answer", "source": "db-1", "severity": "critical"}}""");

            assertThat(mail.waitForIncomingEmail(15_000, 1))
                    .as("the page arrives by mail")
                    .isTrue();
            MimeMessage page = mail.getReceivedMessages()[0];
            assertThat(page.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
            assertThat(page.getSubject()).contains("Database does not answer");
            Matcher ack = Pattern.compile("Acknowledge:\\s+(\\S+)").matcher(GreenMailUtil.getBody(page));
            assertThat(ack.find()).as("the mail carries an acknowledge link").isTrue();
            String link = URI.create(ack.group(1).replace("=\r\n", "")).getRawPath();

            TestHttp browser = firewatch.http();
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            String number = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .getJson("/api/v1/incidents")
                    .path("incidents")
                    .get(0)
                    .path("number")
                    .asText();

            // A link scanner, or a person who only looks: a confirm page, and the incident is still triggered.
            HttpResponse<String> confirm = browser.get(link, "Accept", "text/html");
            assertThat(confirm.statusCode()).isEqualTo(200);
            assertThat(confirm.body()).contains("Acknowledge").contains("<form");
            assertThat(viewer.getJson("/api/v1/incidents/" + number)
                            .path("state")
                            .asText())
                    .isEqualTo("triggered");

            // Confirming posts the form to the same address, and acknowledges as alice.
            HttpResponse<String> done = browser.postForm(link, Map.of(), "Accept", "text/html");
            assertThat(done.statusCode()).isEqualTo(200);
            var incident = viewer.getJson("/api/v1/incidents/" + number);
            assertThat(incident.path("state").asText()).isEqualTo("acknowledged");
            assertThat(incident.path("timeline").findValuesAsText("text")).contains("Acknowledged by alice via link");
        }
    }
}
