package dev.firewatch.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: a whole number and a unit ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 12h}, {@code 7d}), or several in a row ({@code 1h30m}). A bare number is
 * not a duration: without a unit nobody can tell seconds from minutes.
 */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);

    private Durations() {}

    /** The duration, or empty when the text is not one or is zero. */
    static Optional<Duration> parse(String text) {
        String written = text.strip();
        if (!WHOLE.matcher(written).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(written);
        while (part.find()) {
            total = total.plus(Long.parseLong(part.group(1)), UNITS.get(part.group(2)));
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }
}
