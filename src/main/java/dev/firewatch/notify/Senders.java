package dev.firewatch.notify;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The sender for each channel type. */
public final class Senders {
    private final Map<String, Sender> byType;
    private final java.util.function.Supplier<Optional<SmtpSpec>> smtp;

    /** @param smtp the running config's mail server, whose host email's circuit breaker is kept for */
    public Senders(Map<String, Sender> byType, java.util.function.Supplier<Optional<SmtpSpec>> smtp) {
        this.byType = Map.copyOf(byType);
        this.smtp = smtp;
    }

    public Delivery send(Notification notification, ChannelSpec destination) {
        Sender sender = byType.get(destination.type());
        if (sender == null) {
            return new Delivery.Failed(
                    "Firewatch cannot send to channels of type " + destination.type() + " yet", true);
        }
        if (!destination.enabled()) {
            return new Delivery.Failed(destination.name() + " is switched off: a required setting is empty", true);
        }
        return sender.send(notification, destination);
    }

    /**
     * The host a destination's sends go to, which its circuit breaker is kept for: the mail server for email, the
     * URL's host otherwise.
     */
    public String host(ChannelSpec destination) {
        if (destination.type().equals("email")) {
            return "smtp:" + smtp.get().map(SmtpSpec::host).orElse("none");
        }
        try {
            String host =
                    URI.create(destination.settings().getOrDefault("url", "")).getHost();
            return destination.type() + ":" + (host == null ? destination.name() : host);
        } catch (IllegalArgumentException e) {
            return destination.type() + ":" + destination.name();
        }
    }
}
