package dev.firewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes to an ntfy topic ({@code url}, {@code topic}, optional {@code token}), which reaches a phone even when
 * it is on silent: the priority follows the incident's severity, the notification opens the incident, and its
 * buttons open the acknowledge and resolve links in the browser. Those are {@code view} actions on purpose: an
 * {@code http} action would POST from the phone without the confirm page every one-click link shows first.
 */
public final class NtfySender implements Sender {
    /** ntfy shows at most three buttons. */
    private static final int MAX_ACTIONS = 3;

    private final PostClient http;
    private final DeliverySpec delivery;
    // Header values must be ASCII; a runbook address with an accent in it is escaped, not refused.
    private final JsonMapper json =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    public NtfySender(PostClient http, DeliverySpec delivery) {
        this.http = http;
        this.delivery = delivery;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        Message message = Message.of(notification, destination);
        Map<String, String> headers;
        try {
            headers = headers(notification, message, destination.setting("token"));
        } catch (JsonProcessingException e) {
            return new Delivery.Failed("the ntfy buttons could not be written: " + e.getOriginalMessage(), true);
        }
        String base = destination.setting("url").strip().replaceAll("/+$", "");
        String topic = URLEncoder.encode(destination.setting("topic").strip(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        return HttpPost.post(
                http,
                base + "/" + topic,
                "text/plain; charset=utf-8",
                body(notification, message).getBytes(StandardCharsets.UTF_8),
                headers,
                delivery.timeout(),
                "ntfy");
    }

    Map<String, String> headers(Notification notification, Message message, String token)
            throws JsonProcessingException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", notification.idempotencyKey());
        headers.put("Title", headerValue(message.headline()));
        headers.put("Priority", String.valueOf(priority(message.happening(), notification.severity())));
        headers.put("Tags", tags(message.happening(), notification.severity()));
        if (!notification.links().incident().isBlank()) {
            headers.put("Click", notification.links().incident());
        }
        ArrayNode actions = actions(notification, message.happening());
        if (!actions.isEmpty()) {
            // The JSON form, because the short form splits on commas and a signed link may hold one.
            headers.put("Actions", json.writeValueAsString(actions));
        }
        if (!token.isBlank()) {
            headers.put("Authorization", "Bearer " + token.strip());
        }
        return headers;
    }

    /**
     * 5 (max: rings through do-not-disturb on Android) for the most severe incidents, 4 for the next, 3 for the
     * rest; news that the incident is over waits quietly at 2.
     */
    static int priority(Happening happening, String severity) {
        if (happening == Happening.RESOLVED) {
            return 2;
        }
        if (happening == Happening.TEST) {
            return 3;
        }
        return switch (severity.toLowerCase(Locale.ROOT)) {
            case "sev1", "p1", "critical" -> 5;
            case "sev2", "p2", "error", "high" -> 4;
            default -> 3;
        };
    }

    /** An emoji for what happened (ntfy turns known tag names into emoji), and the severity as a label. */
    private static String tags(Happening happening, String severity) {
        String emoji =
                switch (happening) {
                    case TRIGGERED -> "rotating_light";
                    case ACKNOWLEDGED -> "eyes";
                    case ESCALATED -> "arrow_double_up";
                    case RESOLVED -> "white_check_mark";
                    case REOPENED -> "repeat";
                    case TEST -> "test_tube";
                };
        String label = severity.replaceAll("[^A-Za-z0-9_-]", "");
        return label.isEmpty() ? emoji : emoji + "," + label;
    }

    /** The message's actions but the incident itself, which a tap on the notification opens ({@code Click}). */
    private ArrayNode actions(Notification notification, Happening happening) {
        ArrayNode actions = json.createArrayNode();
        Action.of(notification, happening).stream()
                .filter(action -> !action.url().equals(notification.links().incident()))
                .limit(MAX_ACTIONS)
                .forEach(action -> actions.addObject()
                        .put("action", "view")
                        .put("label", action.label())
                        .put("url", action.url()));
        return actions;
    }

    private static String body(Notification notification, Message message) {
        String alert = MessageTemplate.firstAlertSummary(notification);
        StringBuilder body = new StringBuilder(message.text());
        if (!alert.isBlank() && !message.text().contains(alert)) {
            body.append("\nAlert: ").append(alert);
        }
        return body.toString();
    }

    /**
     * A title as an HTTP header: one line, and RFC 2047 encoded-word when it is not plain ASCII (ntfy decodes it),
     * since header values are bytes and a title may be in any language.
     */
    static String headerValue(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return line;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
