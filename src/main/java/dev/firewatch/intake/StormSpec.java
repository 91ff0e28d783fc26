package dev.firewatch.intake;

/**
 * When intake degrades under an alert storm ({@code intake.storm} in the config). The backlog is the number of
 * journal rows committed but not yet processed by the consumer. A row for the alert stages costs about half a
 * millisecond there on SQLite, a folded one a few microseconds, so the default keeps a critical event about a second
 * behind at most.
 *
 * @param backlogThreshold the backlog at which error events fold into their service's digest; warnings fold from
 *     three quarters of it, info events from half. Critical events, resolves and acknowledges never fold.
 */
public record StormSpec(int backlogThreshold) {
    public static final StormSpec DEFAULTS = new StormSpec(2_000);
}
