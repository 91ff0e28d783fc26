package dev.firewatch.probe;

import java.util.Locale;

/** What a monitor shows: derived from its results by {@link Transitions}. */
public enum MonitorState {
    /** No result yet since the monitor was added. */
    PENDING,
    /** Checks pass. */
    UP,
    /** Enough consecutive checks failed ({@link MonitorSpec#failuresBeforeDown()}): a trigger was sent. */
    DOWN,
    /** Checks pass, but a window rule holds (slow, or too many errors): a trigger was sent. */
    DEGRADED,
    /** Checks cannot tell: they fail to reach the target while Firewatch cannot reach its own canaries. */
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MonitorState parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Whether a move between two of these counts as a change toward flapping (up, down, degraded). */
    boolean decided() {
        return this == UP || this == DOWN || this == DEGRADED;
    }

    /** Whether this state pages (a trigger is out while it lasts). */
    boolean alerts() {
        return this == DOWN || this == DEGRADED;
    }
}
