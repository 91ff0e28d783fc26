package dev.firewatch.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.web.Json;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a test notification to a channel or a person's contact method right now, past the outbox: nothing is
 * stored, nothing is retried, and the answer is what the channel's receiver said. For {@code notify test} and
 * the dashboard's "Send test" button, so a person setting up a channel finds a wrong URL before a page does.
 */
public final class ChannelTest {
    private final Map<String, Sender> senders;
    private final String publicUrl;
    private final Clock clock;

    /** @param senders by channel type, as the outbox's workers use them */
    public ChannelTest(Map<String, Sender> senders, String publicUrl, Clock clock) {
        this.senders = Map.copyOf(senders);
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** With a sender for every channel type ({@link ChannelTypes}). */
    public ChannelTest(PostClient http, NotifySpec notify, String publicUrl, Clock clock) {
        this(ChannelTypes.senders(http, notify.delivery(), notify::smtp, clock, Json.mapper()), publicUrl, clock);
    }

    /** Sends the test; a channel that is off, or of a type without a sender here, fails without sending. */
    public Delivery send(ChannelSpec channel) {
        return send(channel, channel.name());
    }

    /** @param recipient who the test says it is for: a channel's name, or {@code alice/phone} for a person's method */
    public Delivery send(ChannelSpec channel, String recipient) {
        if (!channel.enabled()) {
            return new Delivery.Failed(
                    "channel " + channel.name() + " is off: a required setting is empty (check-config says which)",
                    true);
        }
        Sender sender = senders.get(channel.type());
        if (sender == null) {
            return new Delivery.Failed(
                    "a test cannot be sent to a " + channel.type() + " channel yet; "
                            + String.join(", ", new java.util.TreeSet<>(senders.keySet()))
                            + " can be tested",
                    true);
        }
        return sender.send(sample(recipient), channel);
    }

    /**
     * A made-up incident with event {@code test}: no acknowledge or resolve links, since there is nothing to act
     * on, and the incident link pointing at Firewatch itself.
     */
    Notification sample(String recipient) {
        String id = UUID.randomUUID().toString();
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode incident = nodes.objectNode()
                .put("id", "test")
                .put("number", 0)
                .put("title", "Test notification")
                .put("service", "firewatch")
                .put("severity", "SEV3")
                .put("state", "triggered")
                .put("created_at", now)
                .put("url", publicUrl);
        var alerts = nodes.arrayNode();
        alerts.addObject()
                .put("summary", "A test from Firewatch: nothing is wrong")
                .put("severity", "info")
                .put("state", "firing");
        return new Notification(
                id, "test-" + id, 1, "test", recipient, incident, alerts, new Notification.Links(publicUrl, "", ""));
    }
}
