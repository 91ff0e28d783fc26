package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A page by mail, through a real SMTP server (GreenMail): what arrives, and how one incident's mails thread. */
class EmailSenderTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:14:15Z"), ZoneOffset.UTC);
    static final ChannelSpec ONCALL = Samples.channel("email", Map.of("to", "oncall@example.com"));

    EmailSender sender() {
        return sender(greenMail.getSmtp().getPort());
    }

    static EmailSender sender(int port) {
        return new EmailSender(
                Optional.of(new SmtpSpec("127.0.0.1", port, "firewatch@example.com", "", "", SmtpSpec.Security.NONE)),
                SlackSenderTest.QUICK,
                CLOCK);
    }

    /** Sends, checks the server took it, and returns what the mailbox got last. */
    MimeMessage sendAndReceive(Notification notification, ChannelSpec channel) {
        int before = greenMail.getReceivedMessages().length;
        Delivery delivery = sender().send(notification, channel);
        assertThat(delivery).isInstanceOf(Delivery.Delivered.class);
        assertThat(((Delivery.Delivered) delivery).detail()).startsWith("250");
        assertThat(greenMail.waitForIncomingEmail(5000, before + 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        return received[received.length - 1];
    }

    @Test
    void aPageArrivesAsTextAndHtmlWithTheLinksInBoth() throws Exception {
        MimeMessage mail = sendAndReceive(Samples.triggered(), ONCALL);

        assertThat(mail.getSubject()).isEqualTo("[Firewatch] #42 SEV1 demo: Database does not answer");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Firewatch <firewatch@example.com>");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(mail.getHeader("X-Firewatch-Idempotency-Key", null)).isEqualTo("idem-n-1");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(mail.getContentType()).startsWith("multipart/alternative");

        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text)
                .startsWith("Triggered: Database does not answer (#42, SEV1, service demo)")
                .contains("Alert:    db-1 refuses connections")
                .contains("Runbook:  " + Samples.RUNBOOK)
                .contains("Acknowledge: " + Samples.ACK_LINK)
                .contains("Resolve:     " + Samples.RESOLVE_LINK)
                .contains("Incident:    " + Samples.INCIDENT_LINK);
        assertThat(html)
                .contains("<h2 style=\"margin: 0 0 12px\">#42 SEV1 demo: Database does not answer</h2>")
                .contains("href=\"" + Samples.ACK_LINK + "\"")
                .contains(">Acknowledge</a>")
                .contains("href=\"" + Samples.RESOLVE_LINK + "\"")
                .contains("href=\"" + Samples.INCIDENT_LINK + "\"")
                .contains("href=\"" + Samples.RUNBOOK + "\"");
    }

    @Test
    void everyMailAboutOneIncidentThreadsTogetherAndEachIsItsOwnMessage() throws Exception {
        String root = "<incident-" + Samples.INCIDENT_ID + "@firewatch.example.com>";

        MimeMessage page = sendAndReceive(Samples.triggered(), ONCALL);
        MimeMessage again = sendAndReceive(
                Samples.notification("n-again", "incident.triggered", "triggered", "SEV1", "Database does not answer"),
                ONCALL);
        Notification resolved =
                Samples.notification("n-2", "incident.resolved", "resolved", "SEV1", "Database does not answer");
        MimeMessage resolve = sendAndReceive(resolved, ONCALL);
        MimeMessage resentAfterACrash = sendAndReceive(resolved, ONCALL);

        assertThat(page.getHeader("In-Reply-To", null)).isEqualTo(root);
        assertThat(page.getMessageID()).startsWith("<notification-");
        assertThat(again.getMessageID())
                .as("a second page (email again after 10 minutes) is a message of its own, not a duplicate")
                .isNotEqualTo(page.getMessageID());
        assertThat(again.getHeader("References", null)).isEqualTo(root);
        assertThat(resolve.getSubject()).isEqualTo("[Firewatch] Resolved #42 SEV1 demo: Database does not answer");
        assertThat(resolve.getMessageID()).isEqualTo("<notification-n-2@firewatch.example.com>");
        assertThat(resolve.getHeader("In-Reply-To", null)).isEqualTo(root);
        assertThat(resolve.getHeader("References", null)).isEqualTo(root);
        assertThat(resentAfterACrash.getMessageID())
                .as("the same notification is the same message, so the mailbox can drop the copy")
                .isEqualTo(resolve.getMessageID());
        assertThat(part(resolve, "text/plain"))
                .doesNotContain("Acknowledge:")
                .doesNotContain("Resolve:")
                .contains("Incident:    " + Samples.INCIDENT_LINK);
    }

    @Test
    void aTitleWithMarkupIsEscapedInHtmlAndKeptAsWrittenInText() throws Exception {
        String title = "<script>alert('x')</script> & \"quotes\"";
        MimeMessage mail =
                sendAndReceive(Samples.notification("n-x", "incident.triggered", "triggered", "SEV2", title), ONCALL);

        assertThat(mail.getSubject()).isEqualTo("[Firewatch] #42 SEV2 demo: " + title);
        assertThat(part(mail, "text/plain")).contains(title);
        assertThat(part(mail, "text/html"))
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    }

    @Test
    void theChannelsFromAndTemplatesWin() throws Exception {
        MimeMessage mail = sendAndReceive(
                Samples.triggered(),
                Samples.channel(
                        "email",
                        Map.of(
                                "to", "oncall@example.com, lead@example.com",
                                "from", "Pager <pager@example.com>",
                                "title", "{incident.severity} {incident.title}",
                                "text", "Hello {recipient}, {incident.service} needs you.")));

        assertThat(mail.getFrom()[0].toString()).isEqualTo("Pager <pager@example.com>");
        assertThat(mail.getAllRecipients()).hasSize(2);
        assertThat(mail.getSubject()).isEqualTo("[Firewatch] SEV1 Database does not answer");
        assertThat(part(mail, "text/plain")).startsWith("Hello alice, demo needs you.");
    }

    @Test
    void withoutAMailServerEmailFailsForGoodSayingWhatToSet() {
        Delivery delivery = new EmailSender(Optional.empty(), DeliverySpec.DEFAULTS).send(Samples.triggered(), ONCALL);

        assertThat(delivery)
                .isEqualTo(new Delivery.Failed(
                        "no mail server: set notify.smtp (host, port, from) in the config to send email", true));
    }

    @Test
    void aToThatIsNotAnAddressFailsForGood() {
        Delivery delivery =
                sender().send(Samples.triggered(), Samples.channel("email", Map.of("to", "on call at example")));

        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) delivery).permanent()).isTrue();
        assertThat(((Delivery.Failed) delivery).reason())
                .startsWith("the channel's to or from is not an email address");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a busy mailbox is tried again,      450 4.2.1 Mailbox busy,      false",
        "greylisting is tried again,         451 4.7.1 Try again later,   false",
        "an unknown user is not tried again, 550 5.1.1 No such user here, true",
    })
    void theMailServersReplyDecidesWhetherToTryAgain(String sentence, String reply, boolean permanent)
            throws Exception {
        try (ScriptedSmtp server = ScriptedSmtp.refusingRecipients(reply)) {
            Delivery delivery = sender(server.port()).send(Samples.triggered(), ONCALL);

            assertThat(delivery).isInstanceOf(Delivery.Failed.class);
            Delivery.Failed failed = (Delivery.Failed) delivery;
            assertThat(failed.permanent()).isEqualTo(permanent);
            assertThat(failed.reason()).contains(reply);
        }
    }

    @Test
    @Timeout(10)
    void aServerThatNeverAnswersFailsWithinTheTimeoutAndIsTriedAgain() throws Exception {
        try (ScriptedSmtp server = ScriptedSmtp.silent()) {
            long started = System.nanoTime();
            Delivery delivery = sender(server.port()).send(Samples.triggered(), ONCALL);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(delivery).isInstanceOf(Delivery.Failed.class);
            assertThat(((Delivery.Failed) delivery).permanent()).isFalse();
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** The decoded text of the part of that type. */
    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part in the mail");
    }
}
