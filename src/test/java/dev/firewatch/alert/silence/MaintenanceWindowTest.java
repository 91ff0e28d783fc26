package dev.firewatch.alert.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.MaintenanceSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenanceWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static MaintenanceWindow weekly(ZoneId zone, String start, Duration duration, DayOfWeek... days) {
        return new MaintenanceWindow(new MaintenanceSpec(
                "database",
                zone,
                new MaintenanceSpec.Weekly(Set.of(days), LocalTime.parse(start), duration),
                "",
                "maintenance[0]"));
    }

    private static final MaintenanceWindow BERLIN_SUNDAY_0100_3H =
            weekly(BERLIN, "01:00", Duration.ofHours(3), DayOfWeek.SUNDAY);
    private static final MaintenanceWindow BERLIN_SUNDAY_0230_30M =
            weekly(BERLIN, "02:30", Duration.ofMinutes(30), DayOfWeek.SUNDAY);
    private static final MaintenanceWindow NEW_YORK_SUNDAY_0100_2H =
            weekly(NEW_YORK, "01:00", Duration.ofHours(2), DayOfWeek.SUNDAY);
    private static final MaintenanceWindow MONDAY_NIGHT =
            weekly(BERLIN, "23:00", Duration.ofHours(2), DayOfWeek.MONDAY);

    @ParameterizedTest(name = "{0}")
    @MethodSource("instants")
    void coversWallClockStartsForElapsedDurations(
            String sentence, MaintenanceWindow window, String at, boolean covered) {
        assertThat(window.covers(Instant.parse(at))).isEqualTo(covered);
    }

    static Stream<Arguments> instants() {
        return Stream.of(
                arguments("Berlin in winter: 01:00 CET is 00:00Z", BERLIN_SUNDAY_0100_3H, "2026-03-22T00:00:00Z", true),
                arguments("a minute before the start", BERLIN_SUNDAY_0100_3H, "2026-03-21T23:59:00Z", false),
                arguments("the end is not covered", BERLIN_SUNDAY_0100_3H, "2026-03-22T03:00:00Z", false),
                arguments("not on a Monday", BERLIN_SUNDAY_0100_3H, "2026-03-23T00:30:00Z", false),
                arguments(
                        "Berlin springs forward at 02:00 inside the window: three elapsed hours end at 05:00 CEST",
                        BERLIN_SUNDAY_0100_3H,
                        "2026-03-29T02:59:00Z",
                        true),
                arguments("and not at 04:00 CEST plus an hour", BERLIN_SUNDAY_0100_3H, "2026-03-29T03:00:00Z", false),
                arguments(
                        "Berlin in summer: 01:00 CEST is 23:00Z on Saturday",
                        BERLIN_SUNDAY_0100_3H,
                        "2026-04-04T23:00:00Z",
                        true),
                arguments("Berlin in summer, at 22:59Z", BERLIN_SUNDAY_0100_3H, "2026-04-04T22:59:00Z", false),
                arguments(
                        "a start in the spring-forward gap (02:30) moves to 03:30 CEST, 01:30Z",
                        BERLIN_SUNDAY_0230_30M,
                        "2026-03-29T01:30:00Z",
                        true),
                arguments("not before the moved start", BERLIN_SUNDAY_0230_30M, "2026-03-29T01:29:00Z", false),
                arguments(
                        "a start that happens twice in autumn (02:30) is the first, 02:30 CEST = 00:30Z",
                        BERLIN_SUNDAY_0230_30M,
                        "2026-10-25T00:45:00Z",
                        true),
                arguments(
                        "and the second 02:45 (CET, 01:45Z) is not covered",
                        BERLIN_SUNDAY_0230_30M,
                        "2026-10-25T01:45:00Z",
                        false),
                arguments(
                        "New York in winter: 01:00 EST is 06:00Z",
                        NEW_YORK_SUNDAY_0100_2H,
                        "2026-03-01T06:00:00Z",
                        true),
                arguments(
                        "New York springs forward at 02:00: two elapsed hours end at 04:00 EDT, 08:00Z",
                        NEW_YORK_SUNDAY_0100_2H,
                        "2026-03-08T07:59:00Z",
                        true),
                arguments("and 08:00Z is past it", NEW_YORK_SUNDAY_0100_2H, "2026-03-08T08:00:00Z", false),
                arguments(
                        "New York falls back at 02:00 EDT: 01:00 is the first one, EDT, 05:00Z",
                        NEW_YORK_SUNDAY_0100_2H,
                        "2026-11-01T05:00:00Z",
                        true),
                arguments(
                        "two elapsed hours later it is 01:00 EST again (07:00Z), and the window is over",
                        NEW_YORK_SUNDAY_0100_2H,
                        "2026-11-01T07:00:00Z",
                        false),
                arguments("Wednesday 00:30 CEST is a day too late", MONDAY_NIGHT, "2026-06-02T22:30:00Z", false),
                arguments(
                        "Monday 23:00 CEST for two hours covers Tuesday 00:30 CEST",
                        MONDAY_NIGHT,
                        "2026-06-08T22:30:00Z",
                        true),
                arguments("but not Tuesday 23:30 CEST", MONDAY_NIGHT, "2026-06-09T21:30:00Z", false));
    }

    @Test
    void aOneOffWindowCoversFromItsStartUntilItsEnd() {
        var start = Instant.parse("2026-03-29T00:00:00Z");
        var end = Instant.parse("2026-03-29T03:00:00Z");
        var window = new MaintenanceWindow(
                new MaintenanceSpec("database", BERLIN, new MaintenanceSpec.Once(start, end), "", "maintenance[0]"));

        assertThat(window.covers(start.minusMillis(1))).isFalse();
        assertThat(window.covers(start)).isTrue();
        assertThat(window.covers(end.minusMillis(1))).isTrue();
        assertThat(window.covers(end)).isFalse();
    }

    @Test
    void findsTheWindowOfTheServiceAsked() {
        var windows = new MaintenanceWindows(List.of(BERLIN_SUNDAY_0100_3H.spec()));
        var sunday = Instant.parse("2026-03-22T01:00:00Z");

        assertThat(windows.covering("database", sunday)).contains(BERLIN_SUNDAY_0100_3H);
        assertThat(windows.covering("api", sunday)).isEmpty();
    }
}
