package dev.firewatch.alert.silence;

/** Where a silence is in its life, derived from its times and the moment asked about. */
public enum SilenceState {
    /** Created for later: starts in the future. */
    PENDING,
    ACTIVE,
    /** Ended, by its end time or by someone expiring it early (which sets the end time to then). */
    EXPIRED
}
