package dev.firewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Posts to a Microsoft Teams incoming webhook ({@code url}: a Workflows "post to a channel when a webhook request
 * is received" URL, or a classic connector's): one Adaptive Card with the headline, what happened, the incident's
 * service, severity, state and first alert, and buttons that open the acknowledge, resolve, runbook and
 * incident links. Both kinds of Teams webhook take a {@code message} whose attachment is the card.
 */
public final class TeamsSender implements Sender {
    private static final int TEXT_LIMIT = 2000;

    private final PostClient http;
    private final DeliverySpec delivery;
    private final ObjectMapper json = new ObjectMapper();

    public TeamsSender(PostClient http, DeliverySpec delivery) {
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
                "Teams",
                "the Teams card");
    }

    ObjectNode payload(Notification notification, Message message) {
        ObjectNode payload = json.createObjectNode().put("type", "message");
        ObjectNode card = payload.putArray("attachments")
                .addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        run(text(body), message.headline())
                .put("size", "Large")
                .put("weight", "Bolder")
                .put("color", color(message.happening()));
        run(text(body), message.text());
        fact(body, "Service", notification.service());
        fact(body, "Severity", notification.severity());
        fact(body, "State", notification.incident().path("state").asText(""));
        fact(body, "Alert", MessageTemplate.firstAlertSummary(notification));
        ArrayNode actions = card.putArray("actions");
        for (Action action : Action.of(notification, message.happening())) {
            actions.addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", action.label())
                    .put("url", action.url());
        }
        return payload;
    }

    /**
     * A block of text runs. Text runs are never read as Markdown (a TextBlock's text is), so an incident titled
     * {@code queue *jobs_1* [stuck]} shows as written, without escapes that some Teams clients would show too.
     */
    private static ArrayNode text(ArrayNode body) {
        return body.addObject().put("type", "RichTextBlock").putArray("inlines");
    }

    private static ObjectNode run(ArrayNode inlines, String text) {
        return inlines.addObject().put("type", "TextRun").put("text", cut(text));
    }

    /** {@code Service: demo}, the name in bold; nothing for an empty value. */
    private static void fact(ArrayNode body, String name, String value) {
        if (!value.isBlank()) {
            ArrayNode inlines = text(body);
            run(inlines, name + ": ").put("weight", "Bolder");
            run(inlines, value);
        }
    }

    /** Red while someone must act, green once it is over, the card's default otherwise. */
    private static String color(Happening happening) {
        return switch (happening) {
            case TRIGGERED, ESCALATED, REOPENED -> "Attention";
            case RESOLVED -> "Good";
            case ACKNOWLEDGED -> "Warning";
            case TEST -> "Default";
        };
    }

    private static String cut(String text) {
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 1) + "…";
    }
}
