package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who is folded under a storm: by severity and action, against how far behind the alert stages are. */
class AdmissionTest {
    static final StormSpec STORM = new StormSpec(1_000);
    static final Instant AT = Instant.parse("2026-11-23T03:14:15.926Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesByPriorityNeverAtRandom(String sentence, Signal signal, long backlog, Admission.Decision expected) {
        assertThat(Admission.decide(signal, backlog, STORM)).isEqualTo(expected);
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                arguments("nothing folds while the alert stages keep up", trigger(Severity.INFO), 0, process()),
                arguments("info processes just below half the threshold", trigger(Severity.INFO), 499, process()),
                arguments("info folds from half the threshold", trigger(Severity.INFO), 500, fold()),
                arguments("a warning still processes at half", trigger(Severity.WARNING), 500, process()),
                arguments("a warning processes just below three quarters", trigger(Severity.WARNING), 749, process()),
                arguments("a warning folds from three quarters", trigger(Severity.WARNING), 750, fold()),
                arguments("an error still processes at three quarters", trigger(Severity.ERROR), 750, process()),
                arguments("an error processes just below the threshold", trigger(Severity.ERROR), 999, process()),
                arguments("an error folds at the threshold", trigger(Severity.ERROR), 1_000, fold()),
                arguments(
                        "a critical trigger processes at the threshold", trigger(Severity.CRITICAL), 1_000, process()),
                arguments(
                        "a critical trigger processes a thousand times over it",
                        trigger(Severity.CRITICAL),
                        1_000_000,
                        process()),
                arguments(
                        "a resolve processes, or its incident would stay open for good",
                        event("{\"action\": \"resolve\", \"dedup_key\": \"disk-7\"}"),
                        1_000_000,
                        process()),
                arguments(
                        "an acknowledge processes, or it would keep paging someone who is on it",
                        event("{\"action\": \"acknowledge\", \"dedup_key\": \"disk-7\"}"),
                        1_000_000,
                        process()),
                arguments("info folds far over the threshold", trigger(Severity.INFO), 1_000_000, fold()));
    }

    @ParameterizedTest(name = "threshold {0}: info folds from {1}, warnings from {2}, errors from {3}")
    @MethodSource("smallThresholds")
    void aSmallThresholdNeverFoldsWhileNothingWaits(int threshold, long info, long warning, long error) {
        StormSpec storm = new StormSpec(threshold);

        assertThat(List.of(
                        Admission.foldsFrom(Severity.INFO, storm),
                        Admission.foldsFrom(Severity.WARNING, storm),
                        Admission.foldsFrom(Severity.ERROR, storm)))
                .containsExactly(info, warning, error);
        assertThat(Admission.decide(trigger(Severity.INFO), 0, storm)).isEqualTo(Admission.Decision.PROCESS);
    }

    static Stream<Arguments> smallThresholds() {
        return Stream.of(arguments(1, 1L, 1L, 1L), arguments(2, 1L, 1L, 2L), arguments(40, 20L, 30L, 40L));
    }

    /** Signals as the native endpoint decodes them, so the table reads like what senders send. */
    static Signal event(String json) {
        return switch (new NativeEventDecoder().decode(json.getBytes(StandardCharsets.UTF_8), "demo-key", AT)) {
            case Decoded.Accepted accepted -> accepted.signals().getFirst();
            case Decoded.Rejected rejected -> throw new AssertionError(rejected.errors());
        };
    }

    static Signal trigger(Severity severity) {
        return event("{\"dedup_key\": \"disk-7\", \"summary\": \"Disk full on web-7\", \"severity\": \""
                + severity.wireName() + "\"}");
    }

    static Admission.Decision process() {
        return Admission.Decision.PROCESS;
    }

    static Admission.Decision fold() {
        return Admission.Decision.FOLD;
    }
}
