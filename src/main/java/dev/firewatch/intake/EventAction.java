package dev.firewatch.intake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What an event asks for, in the Events API v2 and the native form alike. */
enum EventAction {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE;

    /** By wire name, in the order error messages list them. */
    static final Map<String, EventAction> BY_NAME = byName();

    private static Map<String, EventAction> byName() {
        Map<String, EventAction> names = new LinkedHashMap<>();
        for (EventAction action : values()) {
            names.put(action.name().toLowerCase(Locale.ROOT), action);
        }
        return Collections.unmodifiableMap(names);
    }
}
