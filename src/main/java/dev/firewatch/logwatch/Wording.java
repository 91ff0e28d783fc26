package dev.firewatch.logwatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Durations and times the way summaries show them: {@code 5m}, {@code 03:00:12}. */
final class Wording {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Wording() {}

    /** As the config writes it: {@code 5m}, {@code 90s}, {@code 2h}, not {@code PT5M}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** The time of day in UTC, which is how log lines are read beside it. */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }
}
