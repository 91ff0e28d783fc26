package dev.firewatch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Parsed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cron expressions: what each form means (the next time after an instant, in UTC), and each mistake's column. */
class CronTest {
    /** A Monday. */
    static final Instant FROM = Instant.parse("2026-12-07T10:17:30Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void theNextTimeAfterAMondayMorning(String sentence, String expression, String next) {
        Cron cron = Cron.parse(expression).orThrow();

        assertThat(cron.next(FROM, ZoneOffset.UTC)).contains(Instant.parse(next));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("every minute is the next whole minute", "* * * * *", "2026-12-07T10:18:00Z"),
                arguments("a fixed time later today", "30 14 * * *", "2026-12-07T14:30:00Z"),
                arguments("a fixed time already past today is tomorrow", "0 2 * * *", "2026-12-08T02:00:00Z"),
                arguments("a step of minutes", "*/15 * * * *", "2026-12-07T10:30:00Z"),
                arguments("a range with a step", "0 8-18/4 * * *", "2026-12-07T12:00:00Z"),
                arguments("a start with a step runs to the end of the field", "5/20 * * * *", "2026-12-07T10:25:00Z"),
                arguments("a list", "0,45 * * * *", "2026-12-07T10:45:00Z"),
                arguments("day names", "0 9 * * tue,thu", "2026-12-08T09:00:00Z"),
                arguments("day names in capitals and a range", "0 9 * * MON-FRI", "2026-12-08T09:00:00Z"),
                arguments("Sunday as 7", "0 9 * * 7", "2026-12-13T09:00:00Z"),
                arguments("month names", "0 0 1 jan *", "2027-01-01T00:00:00Z"),
                arguments(
                        "both day fields restricted: either one matches (the 15th or a Friday)",
                        "0 0 15 * fri",
                        "2026-12-11T00:00:00Z"),
                arguments(
                        "a stepped star in day of month still counts as unrestricted: odd days that are Mondays",
                        "0 0 */2 * mon",
                        "2026-12-21T00:00:00Z"),
                arguments("February 29th waits for a leap year", "0 0 29 2 *", "2028-02-29T00:00:00Z"),
                arguments("@hourly", "@hourly", "2026-12-07T11:00:00Z"),
                arguments("@daily", "@daily", "2026-12-08T00:00:00Z"),
                arguments("@midnight", "@midnight", "2026-12-08T00:00:00Z"),
                arguments("@weekly is Sunday midnight", "@weekly", "2026-12-13T00:00:00Z"),
                arguments("@monthly", "@monthly", "2027-01-01T00:00:00Z"),
                arguments("@yearly", "@yearly", "2027-01-01T00:00:00Z"),
                arguments("spaces and tabs around and between fields", "  0\t2  * * *  ", "2026-12-08T02:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsNamedAtItsColumn(String sentence, String expression, int column, String message) {
        Parsed<Cron> parsed = Cron.parse(expression);

        assertThat(parsed).isInstanceOf(Parsed.Failed.class);
        Parsed.Failed<Cron> failed = (Parsed.Failed<Cron>) parsed;
        assertThat(failed.offset() + 1).as("column").isEqualTo(column);
        assertThat(failed.message()).isEqualTo(message);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "nothing at all",
                        "",
                        1,
                        "expected a cron expression like \"0 2 * * *\" (minute hour day-of-month month day-of-week)"
                                + " or @daily"),
                arguments(
                        "too few fields",
                        "0 2 *",
                        6,
                        "expected 5 fields (minute hour day-of-month month day-of-week), found 3, like \"0 2 * * *\""),
                arguments(
                        "a seconds or years field",
                        "0 0 2 * * *",
                        11,
                        "expected 5 fields (minute hour day-of-month month day-of-week), found 6; there is no"
                                + " field for seconds or years, like \"0 2 * * *\""),
                arguments("an hour out of range", "0 24 * * *", 3, "hour 24 is out of range 0-23"),
                arguments("a minute out of range", "60 * * * *", 1, "minute 60 is out of range 0-59"),
                arguments("day of month zero", "0 0 0 * *", 5, "day of month 0 is out of range 1-31"),
                arguments(
                        "a misspelt month",
                        "0 0 1 jna *",
                        7,
                        "unknown month \"jna\"; expected 1-12 or a name: jan, feb, mar, apr, may, jun, jul, aug, sep,"
                                + " oct, nov, dec"),
                arguments(
                        "a full day name",
                        "0 9 * * monday",
                        9,
                        "unknown day of week \"monday\"; expected 0-7 or a name: sun, mon, tue, wed, thu, fri, sat"),
                arguments("a name where only numbers go", "0 noon * * *", 3, "unknown hour \"noon\"; expected 0-23"),
                arguments(
                        "a range that goes backwards",
                        "0 18-8 * * *",
                        3,
                        "the range 18-8 in the hour field goes backwards; write the smaller value first"),
                arguments("a step of zero", "*/0 * * * *", 3, "step 0 in the minute field must be 1 to 59"),
                arguments(
                        "a step that is not a number",
                        "*/x * * * *",
                        3,
                        "expected a whole number for the step in the minute field, found \"x\""),
                arguments(
                        "a number with letters after it",
                        "5x * * * *",
                        2,
                        "expected a whole number in the minute field, found \"5x\""),
                arguments(
                        "an empty list item",
                        "0,,5 * * * *",
                        3,
                        "empty item in the minute list; remove the extra comma"),
                arguments("a range without its end", "0 8- * * *", 5, "expected the hour here: 0-23"),
                arguments(
                        "something after a star",
                        "*5 * * * *",
                        2,
                        "expected \"/\" or \",\" after * in the minute field"),
                arguments(
                        "an unknown alias",
                        "@dialy",
                        1,
                        "unknown alias @dialy; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly,"
                                + " @annually"),
                arguments(
                        "@reboot is no time",
                        "@reboot",
                        1,
                        "@reboot is not a time a ping can be expected at; use a period instead"),
                arguments("an alias with more after it", "@daily 5", 8, "expected nothing after @daily"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("daylightSaving")
    void wallClockTimesInBerlinAcrossTheNightsTheClocksChange(
            String sentence, String expression, String after, String next) {
        Cron cron = Cron.parse(expression).orThrow();

        assertThat(cron.next(Instant.parse(after), java.time.ZoneId.of("Europe/Berlin")))
                .contains(Instant.parse(next));
    }

    static Stream<Arguments> daylightSaving() {
        return Stream.of(
                arguments(
                        "02:30 does not exist on 29 March 2026: it counts as 03:30 CEST, after the jump",
                        "30 2 * * *",
                        "2026-03-28T12:00:00Z",
                        "2026-03-29T01:30:00Z"),
                arguments(
                        "02:30 happens twice on 25 October 2026: it counts once, at the second (CET)",
                        "30 2 * * *",
                        "2026-10-24T12:00:00Z",
                        "2026-10-25T01:30:00Z"),
                arguments(
                        "after the first 02:30 of that night, the next is the night after, not an hour later",
                        "30 2 * * *",
                        "2026-10-25T00:30:00Z",
                        "2026-10-26T01:30:00Z"),
                arguments(
                        "every quarter hour in the repeated hour goes on from the wall-clock time after the ping",
                        "*/15 * * * *",
                        "2026-10-25T00:50:00Z",
                        "2026-10-25T02:00:00Z"));
    }

    @Test
    void anExpressionThatNamesNoRealDayNeverComes() {
        assertThat(Cron.parse("0 0 30 2 *").orThrow().next(FROM, ZoneOffset.UTC))
                .isEmpty();
    }

    @Test
    void anAliasKeepsItsNameForPages() {
        assertThat(Cron.parse("@daily").orThrow().text()).isEqualTo("@daily");
        assertThat(Cron.parse(" 0 2 * * * ").orThrow().text()).isEqualTo("0 2 * * *");
    }
}
