package dev.firewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one registry of channel types: each type's name and the sender that delivers to it. A new channel is a
 * sender class, its settings in {@link ChannelSpec}, and one line here; the outbox, {@code notify test} and the
 * Send test button all read this.
 */
public final class ChannelTypes {
    private ChannelTypes() {}

    /** @param smtp the mail server, read at each send so a reload reaches mail too */
    public static Map<String, Sender> senders(
            PostClient http, DeliverySpec delivery, Supplier<Optional<SmtpSpec>> smtp, Clock clock, ObjectMapper json) {
        return Map.of(
                "webhook", new WebhookSender(http, delivery.timeout(), clock, json),
                "slack", new SlackSender(http, delivery),
                "email", new EmailSender(smtp, delivery, clock),
                "ntfy", new NtfySender(http, delivery),
                "teams", new TeamsSender(http, delivery),
                "telegram", new TelegramSender(http, delivery));
    }
}
