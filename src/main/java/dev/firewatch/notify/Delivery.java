package dev.firewatch.notify;

/** How one send went. */
public sealed interface Delivery permits Delivery.Delivered, Delivery.Failed {
    /** @param detail what the far side said, for the timeline: "HTTP 200", "250 2.0.0 Ok" */
    record Delivered(String detail) implements Delivery {}

    /**
     * @param reason for a person reading the timeline; never a secret
     * @param permanent true when trying again cannot help (the receiver said 400 or 404, the address is
     *     malformed): the notification goes to the dead letters, and a person's next method, at once
     */
    record Failed(String reason, boolean permanent) implements Delivery {}
}
