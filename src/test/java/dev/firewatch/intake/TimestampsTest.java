package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The times senders write: RFC 3339, and the ISO 8601 offsets without a colon from PagerDuty's examples. */
class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void readsTheTimesSendersWrite(String sentence, String text, String instant) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
    }

    static Stream<Arguments> times() {
        return Stream.of(
                arguments("UTC with Z and milliseconds", "2026-11-23T03:14:15.926Z", "2026-11-23T03:14:15.926Z"),
                arguments("no fraction", "2026-11-23T03:14:15Z", "2026-11-23T03:14:15Z"),
                arguments(
                        "nanoseconds, as Alertmanager writes",
                        "2026-11-23T03:14:15.123456789Z",
                        "2026-11-23T03:14:15.123456789Z"),
                arguments("an offset with a colon", "2026-11-23T04:14:15+01:00", "2026-11-23T03:14:15Z"),
                arguments(
                        "an offset without a colon, as PagerDuty's examples",
                        "2015-07-17T08:42:58.315+0000",
                        "2015-07-17T08:42:58.315Z"),
                arguments("an offset of hours only", "2026-11-23T01:14:15-02", "2026-11-23T03:14:15Z"),
                arguments("lower-case t and z", "2026-11-23t03:14:15z", "2026-11-23T03:14:15Z"),
                arguments("Go's zero time", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTimes")
    void refusesWhatIsNotATimeWithAnOffset(String sentence, String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeException.class);
    }

    static Stream<Arguments> notTimes() {
        return Stream.of(
                arguments("no offset, so the zone is a guess", "2026-11-23T03:14:15"),
                arguments("a date alone", "2026-11-23"),
                arguments("a space instead of T", "2026-11-23 03:14:15Z"),
                arguments("Unix seconds as text", "1795000000"),
                arguments("the 30th of February", "2026-02-30T00:00:00Z"),
                arguments("hour 24", "2026-11-23T24:00:00Z"),
                arguments("an offset beyond 18 hours", "2026-11-23T03:14:15+19:00"),
                arguments("words", "yesterday at noon"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearTheCommonForm")
    void readsTheCommonFormAsTheFormatterDoes(String text) {
        assertThat(outcome(() -> Timestamps.parse(text))).isEqualTo(outcome(() -> Timestamps.withFormatter(text)));
    }

    static Stream<String> nearTheCommonForm() {
        return Stream.of(
                "2026-11-23T03:14:15Z",
                "2026-11-23T03:14:15.9Z",
                "2026-11-23T03:14:15.123456789z",
                "2026-11-23T03:14:15.1234567891Z",
                "2026-11-23T03:14:15.Z",
                "2026-11-23T03:14:15+17:59",
                "2026-11-23T03:14:15+18:00",
                "2026-11-23T03:14:15-18:00",
                "2026-11-23T03:14:15-00:00",
                "2026-11-23T03:14:15+05:60",
                "2026-11-23T03:14:15+0530",
                "2026-11-23T03:14:60Z",
                "2026-11-23T03:60:15Z",
                "2026-11-23T23:59:59.999999999-12:00",
                "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2000-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-13-10T00:00:00Z",
                "2026-12-00T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "+2026-11-23T03:14:15Z",
                "2026-11-23T03:14:15ZZ",
                "2026-11-23T03:14:15Z ",
                " 2026-11-23T03:14:15Z",
                "2026-11-23T03:14:15+01:00[Europe/Paris]",
                "2026-11-23T03:14Z",
                "2026-11-23T3:14:15Z",
                "2026-1１-23T03:14:15Z",
                "2026/11/23T03:14:15Z");
    }

    /** Thousands of near misses, made by changing one character of a time at a time, with a fixed seed. */
    @org.junit.jupiter.api.Test
    void readsNearMissesAsTheFormatterDoes() {
        java.util.Random random = new java.util.Random(20261207);
        String alphabet = "0123456789-:+.TtZz 9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text =
                    new StringBuilder(i % 2 == 0 ? "2024-02-29T23:59:59.123456789+05:30" : "2026-12-31T00:00:00Z");
            int changes = 1 + random.nextInt(2);
            for (int c = 0; c < changes; c++) {
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            assertThat(outcome(() -> Timestamps.parse(candidate)))
                    .as(candidate)
                    .isEqualTo(outcome(() -> Timestamps.withFormatter(candidate)));
        }
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeException e) {
            return "refused";
        }
    }
}
