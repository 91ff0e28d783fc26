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
}
