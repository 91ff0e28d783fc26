package dev.firewatch.notify;

/**
 * Sends notifications to one type of channel (webhook, Slack, email, ntfy). Called by the outbox's workers
 * outside any transaction, on a virtual thread of its own.
 */
public interface Sender {
    /**
     * Sends once. Must return within the configured timeout and never throw for a failure of the far side:
     * a refused connection, a timeout or a 5xx is a {@link Delivery.Failed}.
     */
    Delivery send(Notification notification, ChannelSpec destination);
}
