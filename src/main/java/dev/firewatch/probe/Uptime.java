package dev.firewatch.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A monitor's uptime over the last 24 hours, 7 days and 30 days, from its hour and day roll-ups: the share of
 * counted checks (held ones left out) that passed, in percent; null when there were none.
 */
public record Uptime(
        @JsonProperty("24h") Double day,
        @JsonProperty("7d") Double week,
        @JsonProperty("30d") Double month) {
    /** @param hours hour roll-ups of the last 24 hours; @param days day roll-ups of the last 30 days */
    static Uptime of(List<Rollup> hours, List<Rollup> days, Instant now) {
        Instant weekFrom = Rollup.Resolution.DAY.bucketOf(now.minus(Duration.ofDays(6)));
        return new Uptime(
                percent(hours),
                percent(days.stream()
                        .filter(d -> !d.bucket().isBefore(weekFrom))
                        .toList()),
                percent(days));
    }

    /** Where the hour roll-ups for the last 24 hours begin (the current, partial hour is the 24th). */
    static Instant hoursFrom(Instant now) {
        return Rollup.Resolution.HOUR.bucketOf(now.minus(Duration.ofHours(23)));
    }

    /** Where the day roll-ups for the last 30 days begin (today is the 30th). */
    static Instant daysFrom(Instant now) {
        return Rollup.Resolution.DAY.bucketOf(now.minus(Duration.ofDays(29)));
    }

    static Double percent(List<Rollup> rollups) {
        long counted = rollups.stream().mapToLong(Rollup::counted).sum();
        long failures = rollups.stream().mapToLong(Rollup::failures).sum();
        return counted == 0 ? null : 100.0 * (counted - failures) / counted;
    }

    /** As pages show a percentage: "99.95 %", or "—" without checks. */
    public static String shown(Double percent) {
        if (percent == null) {
            return "—";
        }
        return percent == 100.0 ? "100 %" : String.format(Locale.ROOT, "%.2f %%", Math.floor(percent * 100) / 100);
    }
}
