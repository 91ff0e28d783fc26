package dev.firewatch.probe;

import java.time.Duration;

/**
 * {@code monitoring:}: how the monitor runtime behaves for every monitor, beside {@code monitors:} which says what
 * each one checks.
 *
 * @param perHostLimit at most this many checks run against one host at once (ProbeSpec.host()), so a hundred
 *     monitors of one server do not hit it together
 * @param flapping when a monitor changes state too often, one incident is held open instead of many
 * @param history how long results and their roll-ups are kept
 */
public record MonitoringSpec(int perHostLimit, Flapping flapping, History history) {
    public static final MonitoringSpec DEFAULTS = new MonitoringSpec(8, Flapping.DEFAULTS, History.DEFAULTS);

    /**
     * A monitor is flapping while its state changed (between up, down and degraded) more than {@code changes}
     * times within {@code window}: its incident stays open (no resolve) until it settles.
     */
    public record Flapping(int changes, Duration window) {
        public static final Flapping DEFAULTS = new Flapping(4, Duration.ofMinutes(30));
    }

    /** How long each resolution of history is kept; older rows are pruned in small batches in the background. */
    public record History(Duration raw, Duration minute, Duration hour, Duration day) {
        public static final History DEFAULTS =
                new History(Duration.ofHours(48), Duration.ofDays(14), Duration.ofDays(90), Duration.ofDays(730));
    }
}
