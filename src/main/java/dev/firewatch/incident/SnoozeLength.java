package dev.firewatch.incident;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long to snooze, as people write it: {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 90s}, {@code 1d}. The
 * API, the page and the CLI read it alike; {@link Incidents#snooze} decides whether the length is allowed.
 */
public final class SnoozeLength {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,6}[smhd])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,6})([smhd])");
    private static final Map<String, ChronoUnit> UNITS =
            Map.of("s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    /** What the page offers; anything between a minute and a day works through the API and the CLI. */
    public static final java.util.List<String> CHOICES = java.util.List.of("15m", "30m", "1h", "2h", "4h", "8h", "24h");

    private SnoozeLength() {}

    /** The length, or empty when the text is not one (a bare number has no unit, so it is not). */
    public static Optional<Duration> parse(String text) {
        String written = text == null ? "" : text.strip();
        if (!WHOLE.matcher(written).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(written);
        while (part.find()) {
            total = total.plus(Long.parseLong(part.group(1)), UNITS.get(part.group(2)));
        }
        return Optional.of(total);
    }
}
