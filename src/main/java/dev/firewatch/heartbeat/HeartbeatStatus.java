package dev.firewatch.heartbeat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a heartbeat stands at an instant, derived from its pings and the clock (as healthchecks does). */
public enum HeartbeatStatus {
    /** Never pinged: nothing is expected yet, so nothing pages. */
    NEW,
    /** The last run succeeded and the next ping is not due yet. */
    UP,
    /** A run started and has not finished, within its max run time. */
    STARTED,
    /** The next ping is due and has not come, but the grace time has not run out. */
    GRACE,
    /** Late past the grace time, failed, or started and never finished: this pages. */
    DOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
