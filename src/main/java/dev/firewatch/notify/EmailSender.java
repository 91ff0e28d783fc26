package dev.firewatch.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends a mail through the configured server ({@code notify.smtp}) to the channel's {@code to}, from its
 * {@code from} or the server's. Every mail about one incident threads under the first (see {@link EmailLetter}).
 * The server's answer decides what happens next: a 4xx reply (mailbox busy, greylisted) is worth another try, a
 * 5xx reply (no such user, relay refused) is not.
 */
public final class EmailSender implements Sender {
    /** Asked at every send, so a reloaded {@code notify.smtp} is used from the next mail on. */
    private final java.util.function.Supplier<Optional<SmtpSpec>> smtp;

    private final DeliverySpec delivery;
    private final Clock clock;

    public EmailSender(Optional<SmtpSpec> smtp, DeliverySpec delivery) {
        this(smtp, delivery, Clock.systemUTC());
    }

    /** @param clock dates each mail */
    public EmailSender(Optional<SmtpSpec> smtp, DeliverySpec delivery, Clock clock) {
        this(() -> smtp, delivery, clock);
    }

    /** @param smtp the running config's mail server */
    public EmailSender(java.util.function.Supplier<Optional<SmtpSpec>> smtp, DeliverySpec delivery, Clock clock) {
        this.smtp = smtp;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        Optional<SmtpSpec> configured = smtp.get();
        if (configured.isEmpty()) {
            return new Delivery.Failed(
                    "no mail server: set notify.smtp (host, port, from) in the config to send email", true);
        }
        SmtpSpec server = configured.get();
        Session session = Session.getInstance(properties(server, delivery.timeout()));
        MimeMessage mail;
        try {
            mail = new EmailLetter(notification, Message.of(notification, destination))
                    .compose(session, sender(destination, server), destination.setting("to"));
            mail.setSentDate(Date.from(clock.instant()));
        } catch (AddressException wrong) {
            return new Delivery.Failed("the channel's to or from is not an email address: " + wrong.getMessage(), true);
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new Delivery.Failed("the mail could not be written: " + e.getMessage(), true);
        }
        return withinTimeout(session, mail, server);
    }

    private static InternetAddress sender(ChannelSpec destination, SmtpSpec server)
            throws AddressException, UnsupportedEncodingException {
        String written = destination.setting("from").isBlank() ? server.from() : destination.setting("from");
        InternetAddress from = new InternetAddress(written.strip(), true);
        if (from.getPersonal() == null) {
            from.setPersonal("Firewatch", "UTF-8");
        }
        return from;
    }

    /**
     * Each SMTP command has the timeout as its own limit, and a conversation has several, so the whole send also
     * runs against one deadline: the outbox's worker gets its answer in time, and the late conversation is
     * interrupted, which closes its socket.
     */
    private Delivery withinTimeout(Session session, MimeMessage mail, SmtpSpec server) {
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        Thread conversation = Thread.ofVirtual()
                .name("smtp-" + server.host())
                .start(() -> result.complete(converse(session, mail, server)));
        Duration timeout = delivery.timeout();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            conversation.interrupt();
            return new Delivery.Failed(
                    "the mail server " + server.host() + ":" + server.port() + " did not take the mail within "
                            + timeout.toMillis() / 1000.0 + " s",
                    false);
        } catch (InterruptedException e) {
            conversation.interrupt();
            Thread.currentThread().interrupt();
            return new Delivery.Failed("interrupted while sending mail", false);
        } catch (ExecutionException e) {
            return new Delivery.Failed(
                    "sending mail failed: " + e.getCause().getClass().getSimpleName(), false);
        }
    }

    private static Delivery converse(Session session, MimeMessage mail, SmtpSpec server) {
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
            transport.connect(
                    server.host(),
                    server.port(),
                    server.username().isEmpty() ? null : server.username(),
                    server.username().isEmpty() ? null : server.password());
            transport.sendMessage(mail, mail.getAllRecipients());
            String said = transport.getLastServerResponse();
            return new Delivery.Delivered(said == null || said.isBlank() ? "sent" : said.strip());
        } catch (AuthenticationFailedException refused) {
            return new Delivery.Failed(
                    "the mail server " + server.host() + " refused notify.smtp's username and password"
                            + said(refused, server),
                    true);
        } catch (MessagingException e) {
            MessagingException answer = answer(e);
            int code = replyCode(answer, transport);
            String reason = "the mail server " + server.host() + ":" + server.port()
                    + (code > 0 ? " answered" : " failed") + said(answer, server);
            // 4xx: try again later (RFC 5321 §4.2.1); 5xx: the same mail gets the same answer.
            return new Delivery.Failed(reason, code >= 500 && code < 600);
        } catch (RuntimeException e) {
            return new Delivery.Failed(
                    "sending mail through " + server.host() + " failed: "
                            + e.getClass().getSimpleName(),
                    false);
        } finally {
            closeQuietly(transport);
        }
    }

    /**
     * The failure that carries the server's reply: Jakarta Mail wraps a refused recipient ("550 5.1.1 No such
     * user") in a SendFailedException that only says "Invalid Addresses".
     */
    private static MessagingException answer(MessagingException e) {
        for (Exception next = e; next instanceof MessagingException messaging; next = messaging.getNextException()) {
            if (next instanceof SMTPSendFailedException
                    || next instanceof SMTPAddressFailedException
                    || next instanceof SMTPSenderFailedException) {
                return messaging;
            }
        }
        return e;
    }

    /** The SMTP reply code behind a failure, or 0 when the server never answered (refused, timed out). */
    private static int replyCode(MessagingException answer, SMTPTransport transport) {
        switch (answer) {
            case SMTPSendFailedException failed -> {
                return failed.getReturnCode();
            }
            case SMTPAddressFailedException failed -> {
                return failed.getReturnCode();
            }
            case SMTPSenderFailedException failed -> {
                return failed.getReturnCode();
            }
            default -> {}
        }
        if (answer.getCause() instanceof IOException) {
            return 0;
        }
        int last = transport == null ? -1 : transport.getLastReturnCode();
        return last >= 400 ? last : 0;
    }

    /** What the server said, on one line, without the password should a server ever echo it. */
    private static String said(MessagingException e, SmtpSpec server) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() instanceof IOException io && io.getMessage() != null) {
            message = message + " (" + io.getMessage() + ")";
        }
        if (!server.password().isEmpty()) {
            message = message.replace(server.password(), "***");
        }
        return ": " + message.replaceAll("\\s+", " ").strip();
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null || !transport.isConnected()) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // the mail is sent or the failure is reported already; a failed QUIT changes neither
        }
    }

    private static Properties properties(SmtpSpec server, Duration timeout) {
        Properties properties = new Properties();
        String millis = String.valueOf(timeout.toMillis());
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.from", server.from());
        properties.put("mail.smtp.auth", String.valueOf(!server.username().isEmpty()));
        switch (server.security()) {
            case NONE -> {}
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                // Never fall back to plain text when the server does not offer STARTTLS: the password would go
                // over the wire in the clear.
                properties.put("mail.smtp.starttls.required", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.put("mail.smtp.ssl.enable", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return properties;
    }
}
