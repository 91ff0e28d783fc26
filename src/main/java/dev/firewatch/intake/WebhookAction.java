package dev.firewatch.intake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a webhook's {@code action_map} may make of a sender's event: the three signals, or nothing at all. */
public enum WebhookAction {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE,
    /** Senders post many kinds of events (assigned, commented, ping); those that mean nothing are answered, not kept. */
    IGNORE;

    /** By the name written in the config, in the order error messages list them. */
    public static final Map<String, WebhookAction> BY_NAME = byName();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, WebhookAction> byName() {
        Map<String, WebhookAction> names = new LinkedHashMap<>();
        for (WebhookAction action : values()) {
            names.put(action.wireName(), action);
        }
        return Collections.unmodifiableMap(names);
    }
}
