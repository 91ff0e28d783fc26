package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sizes, durations and problem lines: the small languages of the config file. */
class FormatsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void readsSizes(String sentence, String written, Optional<Long> bytes) {
        assertThat(Sizes.parse(written)).isEqualTo(bytes);
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                arguments("a plain number is bytes", "1048576", Optional.of(1_048_576L)),
                arguments("KiB is 1024 bytes", "512KiB", Optional.of(524_288L)),
                arguments("MiB is 1024 KiB", "1MiB", Optional.of(1_048_576L)),
                arguments("GiB is 1024 MiB", "1GiB", Optional.of(1_073_741_824L)),
                arguments("MB is a million bytes", "10MB", Optional.of(10_000_000L)),
                arguments("a space before the unit is fine", "2 KiB", Optional.of(2048L)),
                arguments("a unit in the wrong case is not a size", "1mib", Optional.empty()),
                arguments("a fraction is not a size", "1.5MiB", Optional.empty()),
                arguments("a negative number is not a size", "-1", Optional.empty()),
                arguments("a size too large for a long is refused", "9999999999GiB", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void readsDurations(String sentence, String written, Optional<Duration> duration) {
        assertThat(Durations.parse(written)).isEqualTo(duration);
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                arguments("milliseconds", "500ms", Optional.of(Duration.ofMillis(500))),
                arguments("seconds", "30s", Optional.of(Duration.ofSeconds(30))),
                arguments("minutes", "5m", Optional.of(Duration.ofMinutes(5))),
                arguments("hours", "12h", Optional.of(Duration.ofHours(12))),
                arguments("days", "7d", Optional.of(Duration.ofDays(7))),
                arguments("several parts add up", "1h30m", Optional.of(Duration.ofMinutes(90))),
                arguments("a number without a unit is refused", "3600", Optional.empty()),
                arguments("zero is refused", "0s", Optional.empty()),
                arguments("words are refused", "12 hours", Optional.empty()),
                arguments("a negative duration is refused", "-5m", Optional.empty()));
    }

    @Test
    void printsAProblemTheWayCompilersDo() {
        assertThat(new ConfigProblem("firewatch.yaml", 42, 9, "unknown key \"prot\" in server; did you mean \"port\"?"))
                .hasToString("firewatch.yaml:42:9: unknown key \"prot\" in server; did you mean \"port\"?");
        assertThat(new ConfigProblem("firewatch.yaml", 0, 0, "no such file"))
                .as("a problem with the whole file has no line")
                .hasToString("firewatch.yaml: no such file");
    }
}
