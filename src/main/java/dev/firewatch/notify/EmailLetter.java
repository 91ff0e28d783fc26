package dev.firewatch.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One notification as a mail: a text part and an HTML part with the same words and links, and the headers that
 * thread every mail about an incident together.
 *
 * <p>Threading: every mail about an incident names {@code <incident-ID@HOST>} (HOST from the public URL) in
 * In-Reply-To and References, so mail clients show the incident as one conversation. Each mail's own Message-ID
 * comes from the notification's id: a resend after a crash is the same message to the receiving server, while
 * two pages of one incident to one person (an email now and again after ten minutes, a repeat round) stay two
 * messages, which a shared Message-ID would make mailboxes drop as duplicates.
 */
record EmailLetter(Notification notification, Message message) {

    MimeMessage compose(Session session, InternetAddress from, String to) throws MessagingException {
        MimeMessage mail = new Identified(session, messageId());
        mail.setFrom(from);
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to, true));
        mail.setSubject(subject(), "UTF-8");
        if (threaded()) {
            mail.setHeader("In-Reply-To", threadRoot());
            mail.setHeader("References", threadRoot());
        }
        mail.setHeader("X-Firewatch-Idempotency-Key", notification.idempotencyKey());
        mail.setHeader("X-Firewatch-Event", notification.event());
        // RFC 3834: out-of-office replies and autoresponders leave this mail alone.
        mail.setHeader("Auto-Submitted", "auto-generated");

        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plainText(), "UTF-8");
        alternatives.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(), "UTF-8", "html");
        alternatives.addBodyPart(html); // last is best: clients that can show HTML pick it
        mail.setContent(alternatives);
        return mail;
    }

    String subject() {
        return "[Firewatch] " + message.headline().replaceAll("[\\r\\n]+", " ");
    }

    /** The Message-ID every mail about the incident threads under. */
    String threadRoot() {
        return "<incident-" + safe(notification.incident().path("id").asText("")) + "@" + host() + ">";
    }

    String messageId() {
        return message.happening() == Happening.TEST
                ? "<test-" + safe(notification.id()) + "@" + host() + ">"
                : "<notification-" + safe(notification.id()) + "@" + host() + ">";
    }

    private boolean threaded() {
        return message.happening() != Happening.TEST;
    }

    /** The public URL's host, so ids are Firewatch's own and unique to this installation. */
    private String host() {
        try {
            String host = URI.create(notification.links().incident()).getHost();
            if (host != null && !host.isBlank()) {
                return host.replaceAll("[^A-Za-z0-9.-]", "");
            }
        } catch (IllegalArgumentException notAnAddress) {
            // falls back below
        }
        return "firewatch";
    }

    private static String safe(String id) {
        String kept = id.replaceAll("[^A-Za-z0-9._-]", "");
        return kept.isEmpty() ? "unknown" : kept;
    }

    /** Name and value rows under the first paragraph; an empty value leaves its row out. */
    private List<Map.Entry<String, String>> facts() {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        fact(facts, "Service", notification.service());
        fact(facts, "Severity", notification.severity());
        fact(facts, "State", notification.incident().path("state").asText(""));
        fact(facts, "Alert", MessageTemplate.firstAlertSummary(notification));
        fact(facts, "Runbook", notification.runbookUrl());
        return facts;
    }

    private List<Map.Entry<String, String>> links() {
        List<Map.Entry<String, String>> links = new ArrayList<>();
        var written = notification.links();
        boolean triggered =
                "triggered".equals(notification.incident().path("state").asText("triggered"));
        if (message.happening().open() && triggered) {
            fact(links, "Acknowledge", written.acknowledge());
        }
        if (message.happening().open()) {
            fact(links, "Resolve", written.resolve());
        }
        fact(links, message.happening() == Happening.TEST ? "Firewatch" : "Incident", written.incident());
        return links;
    }

    private static void fact(List<Map.Entry<String, String>> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(Map.entry(name, value));
        }
    }

    String plainText() {
        StringBuilder out = new StringBuilder(message.text()).append("\n\n");
        facts().forEach(f ->
                out.append(pad(f.getKey() + ":", 10)).append(f.getValue()).append('\n'));
        out.append('\n');
        links().forEach(l ->
                out.append(pad(l.getKey() + ":", 13)).append(l.getValue()).append('\n'));
        out.append("\n-- \n").append(footer()).append('\n');
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject()))
                .append("</title></head>\n<body style=\"font-family: -apple-system, 'Segoe UI', sans-serif;")
                .append(" color: #1f2328; line-height: 1.4\">\n");
        out.append("<h2 style=\"margin: 0 0 12px\">")
                .append(escape(message.headline()))
                .append("</h2>\n");
        out.append("<p>").append(escape(message.text()).replace("\n", "<br>\n")).append("</p>\n");
        out.append("<table style=\"border-collapse: collapse\">\n");
        for (var fact : facts()) {
            String value = fact.getKey().equals("Runbook")
                    ? link(fact.getValue(), fact.getValue(), "")
                    : escape(fact.getValue());
            out.append("<tr><th style=\"text-align: left; padding: 2px 12px 2px 0\">")
                    .append(escape(fact.getKey()))
                    .append("</th><td>")
                    .append(value)
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<p style=\"margin-top: 16px\">\n");
        for (var link : links()) {
            String label =
                    switch (link.getKey()) {
                        case "Incident" -> "Open incident";
                        case "Firewatch" -> "Open Firewatch";
                        default -> link.getKey();
                    };
            out.append(link(
                            link.getValue(),
                            label,
                            "display: inline-block; padding: 6px 14px; margin-right: 8px; border-radius: 4px;"
                                    + " background: #0b5cad; color: #ffffff; text-decoration: none"))
                    .append('\n');
        }
        out.append("</p>\n<p style=\"color: #59636e; font-size: 12px\">")
                .append(escape(footer()))
                .append("</p>\n</body></html>\n");
        return out.toString();
    }

    private String footer() {
        return "Sent by Firewatch to " + notification.recipient()
                + ". The acknowledge and resolve links open a page that asks before it acts.";
    }

    private static String link(String url, String label, String style) {
        return "<a href=\"" + escape(url) + "\"" + (style.isEmpty() ? "" : " style=\"" + style + "\"") + ">"
                + escape(label) + "</a>";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    /** Text for HTML content and attribute values: a title like {@code <script>} shows as written. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A MimeMessage whose Message-ID is ours: Jakarta Mail would otherwise make a random one on every save. */
    private static final class Identified extends MimeMessage {
        private final String id;

        Identified(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
