package dev.firewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Posts to a Slack incoming webhook ({@code url}): a header, what happened, the incident's service, severity,
 * state and first alert as fields, and link buttons to acknowledge, resolve, open the runbook and open the
 * incident. The buttons are plain links: the one-click links show a confirm page, and only its form acts, so a
 * link preview that follows them changes nothing.
 */
public final class SlackSender implements Sender {
    // Slack refuses a message whose parts are longer than these.
    private static final int HEADER_LIMIT = 150;
    private static final int TEXT_LIMIT = 3000;
    private static final int FIELD_LIMIT = 2000;

    private final PostClient http;
    private final DeliverySpec delivery;
    private final ObjectMapper json = new ObjectMapper();

    public SlackSender(PostClient http, DeliverySpec delivery) {
        this.http = http;
        this.delivery = delivery;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        return HttpPost.json(
                http,
                destination.setting("url"),
                json,
                payload(notification, Message.of(notification, destination)),
                Map.of("Idempotency-Key", notification.idempotencyKey()),
                delivery.timeout(),
                "Slack",
                "the Slack message");
    }

    /** The message as Slack's Block Kit reads it; {@code text} is what notifications and old clients show. */
    ObjectNode payload(Notification notification, Message message) {
        ObjectNode payload = json.createObjectNode();
        payload.put("text", cut(message.headline() + "\n" + message.text(), TEXT_LIMIT));
        ArrayNode blocks = payload.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", cut(emoji(message.happening()) + " " + message.headline(), HEADER_LIMIT))
                .put("emoji", true);

        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", cut(escape(message.text()), TEXT_LIMIT));

        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Service", notification.service());
        field(fields, "Severity", notification.severity());
        field(fields, "State", notification.incident().path("state").asText(""));
        field(fields, "Alert", MessageTemplate.firstAlertSummary(notification));

        ArrayNode buttons = json.createArrayNode();
        for (Action action : Action.of(notification, message.happening())) {
            button(buttons, action);
        }
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").set("elements", buttons);
        }
        return payload;
    }

    private static void field(ArrayNode fields, String name, String value) {
        if (!value.isBlank()) {
            fields.addObject().put("type", "mrkdwn").put("text", cut("*" + name + "*\n" + escape(value), FIELD_LIMIT));
        }
    }

    /** A link button; acknowledging, the one thing to press first, is the primary one. */
    private static void button(ArrayNode buttons, Action action) {
        String id =
                action.label().startsWith("Open ") ? "incident" : action.label().toLowerCase(Locale.ROOT);
        ObjectNode button = buttons.addObject().put("type", "button").put("action_id", id);
        button.putObject("text").put("type", "plain_text").put("text", action.label());
        button.put("url", action.url());
        if (id.equals("acknowledge")) {
            button.put("style", "primary");
        }
    }

    private static String emoji(Happening happening) {
        return switch (happening) {
            case TRIGGERED -> ":rotating_light:";
            case ACKNOWLEDGED -> ":eyes:";
            case ESCALATED -> ":arrow_double_up:";
            case RESOLVED -> ":white_check_mark:";
            case REOPENED -> ":repeat:";
            case TEST -> ":test_tube:";
        };
    }

    /** Slack's mrkdwn reads {@code <}, {@code >} and {@code &} as markup: a title must show as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
