package dev.firewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Sends through a Telegram bot ({@code token} from BotFather, {@code chat_id} of a person, group or channel the bot
 * may write to): {@code sendMessage} with the headline in bold, what happened, the first alert, and a row of URL
 * buttons that open the acknowledge, resolve, runbook and incident links. {@code api_url} points at a self-hosted
 * Bot API server instead of Telegram's.
 *
 * <p>The token is part of the request's path, so, like a Slack URL, it never appears in a reason: {@link HttpPost}
 * names only the host.
 */
public final class TelegramSender implements Sender {
    static final String API = "https://api.telegram.org";
    // Telegram refuses a message longer than 4096 characters.
    private static final int TEXT_LIMIT = 4000;

    private final PostClient http;
    private final DeliverySpec delivery;
    private final ObjectMapper json = new ObjectMapper();

    public TelegramSender(PostClient http, DeliverySpec delivery) {
        this.http = http;
        this.delivery = delivery;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        String api = destination.setting("api_url").isBlank() ? API : destination.setting("api_url");
        return HttpPost.json(
                http,
                api.strip().replaceAll("/+$", "") + "/bot"
                        + destination.setting("token").strip() + "/sendMessage",
                json,
                payload(notification, Message.of(notification, destination), destination.setting("chat_id")),
                Map.of(),
                delivery.timeout(),
                "Telegram",
                "the Telegram message");
    }

    ObjectNode payload(Notification notification, Message message, String chatId) {
        StringBuilder text = new StringBuilder()
                .append("<b>")
                .append(escape(message.headline()))
                .append("</b>\n")
                .append(escape(message.text()));
        String alert = MessageTemplate.firstAlertSummary(notification);
        if (!alert.isBlank() && !message.text().contains(alert)) {
            text.append("\nAlert: ").append(escape(alert));
        }
        ObjectNode payload = json.createObjectNode()
                .put("chat_id", chatId.strip())
                .put("parse_mode", "HTML")
                .put("text", cut(text.toString()));
        payload.putObject("link_preview_options").put("is_disabled", true);
        ArrayNode row = json.createArrayNode();
        for (Action action : Action.of(notification, message.happening())) {
            row.addObject().put("text", action.label()).put("url", action.url());
        }
        if (!row.isEmpty()) {
            payload.putObject("reply_markup").putArray("inline_keyboard").add(row);
        }
        return payload;
    }

    /** Telegram's HTML mode reads these three as markup: a title must show as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text) {
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 1) + "…";
    }
}
