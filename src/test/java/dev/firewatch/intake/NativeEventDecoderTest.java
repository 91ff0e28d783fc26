package dev.firewatch.intake;

import static dev.firewatch.intake.WholeBodyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Firewatch's own event form ({@code POST /api/v1/events}): one event, or a batch of up to 1000. */
class NativeEventDecoderTest {
    static final String FOLDER = "native";
    final NativeEventDecoder decoder = new NativeEventDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesEachGoldenBodyToItsSignals(String sentence, String name) {
        Decoded decoded = decoder.decode(GoldenFiles.request(FOLDER, name), "demo-key", GoldenFiles.RECEIVED_AT);

        GoldenFiles.check(FOLDER, name, GoldenFiles.describe(decoded));
    }

    static Stream<Arguments> goldens() {
        return GoldenFiles.requests(FOLDER).map(name -> arguments(name.replace('-', ' '), name));
    }

    @Test
    void takesTheSmallestTriggerThatTheReadmesFirstCurlSends() {
        Decoded decoded = decoder.decode(
                utf8("{\"summary\": \"disk full\", \"severity\": \"critical\"}"), "demo-key", GoldenFiles.RECEIVED_AT);

        assertThat(decoded)
                .isEqualTo(new Decoded.Accepted(List.of(new Signal.Trigger(
                        "demo-key",
                        null,
                        Map.of(),
                        GoldenFiles.RECEIVED_AT,
                        Signal.Source.NATIVE,
                        "disk full",
                        Severity.CRITICAL,
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null))));
    }

    @Test
    void acceptsABatchOfExactly1000Events() {
        Decoded decoded = decoder.decode(batchOf(1000), "demo-key", GoldenFiles.RECEIVED_AT);

        assertThat(((Decoded.Accepted) decoded).signals()).hasSize(1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsEveryMistakeInABodyAtOnceByItsPath(String sentence, byte[] body, List<String> fields, String message) {
        List<FieldError> errors = EveryDecoder.errors(decoder.decode(body, "demo-key", GoldenFiles.RECEIVED_AT));

        assertThat(errors).extracting(FieldError::field).containsExactlyElementsOf(fields);
        assertThat(errors.getFirst().message()).isEqualTo(message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments(
                        "an empty object, which is a trigger without summary or severity",
                        utf8("{}"),
                        List.of("summary", "severity"),
                        "'summary' is missing; expected a string"),
                arguments(
                        "1001 events in a batch",
                        batchOf(1001),
                        List.of("events"),
                        "'events' has 1001 events; at most 1000 are accepted in one request, so send them in"
                                + " smaller batches"),
                arguments(
                        "events that is not a list",
                        utf8("{\"events\": {\"summary\": \"s\", \"severity\": \"info\"}}"),
                        List.of("events"),
                        "'events' must be a list, got an object"),
                arguments(
                        "a batch with event fields beside events",
                        utf8("{\"events\": [], \"severity\": \"info\"}"),
                        List.of("severity"),
                        "'severity' is not a field of a batch; the fields are events"),
                arguments(
                        "an acknowledge that says neither dedup key nor labels",
                        utf8("{\"action\": \"acknowledge\"}"),
                        List.of("dedup_key"),
                        "'dedup_key' is missing; an acknowledge needs a dedup_key or labels to say which alert it"
                                + " means"),
                arguments(
                        "a resolve with empty labels",
                        utf8("{\"events\": [{\"action\": \"resolve\", \"labels\": {}}]}"),
                        List.of("events[0].dedup_key"),
                        "'events[0].dedup_key' is missing; a resolve needs a dedup_key or labels to say which alert"
                                + " it means"),
                arguments(
                        "every field of the wrong type",
                        utf8(
                                "{\"action\": 1, \"dedup_key\": 2, \"summary\": 3, \"severity\": 4, \"source\": 5,"
                                        + " \"labels\": 6, \"annotations\": 7, \"details\": 8, \"links\": 9, \"timestamp\": 10}"),
                        List.of(
                                "action",
                                "dedup_key",
                                "summary",
                                "severity",
                                "source",
                                "labels",
                                "annotations",
                                "details",
                                "links",
                                "timestamp"),
                        "'action' must be a string, got a number"),
                arguments(
                        "an unknown severity in the third event",
                        utf8("{\"events\": [{\"summary\": \"a\", \"severity\": \"info\"},"
                                + " {\"summary\": \"b\", \"severity\": \"info\"},"
                                + " {\"summary\": \"c\", \"severity\": \"sev1\"}]}"),
                        List.of("events[2].severity"),
                        "'events[2].severity' is invalid (must be one of critical, error, warning, info), got"
                                + " \"sev1\""),
                arguments(
                        "labels and annotations with values that are not strings",
                        utf8("{\"summary\": \"s\", \"severity\": \"info\", \"labels\": {\"port\": 5432},"
                                + " \"annotations\": {\"runbook\": [\"a\"]}}"),
                        List.of("labels.port", "annotations.runbook"),
                        "'labels.port' must be a string, got a number"),
                arguments(
                        "a timestamp in the wrong format",
                        utf8("{\"summary\": \"s\", \"severity\": \"info\", \"timestamp\": \"23/11/2026 03:14\"}"),
                        List.of("timestamp"),
                        "'timestamp' is not an ISO 8601 time with an offset (like 2026-11-23T03:14:15.926Z), got"
                                + " \"23/11/2026 03:14\""));
    }

    private static byte[] batchOf(int count) {
        return utf8(IntStream.range(0, count)
                .mapToObj(i -> "{\"summary\": \"event " + i + "\", \"severity\": \"info\"}")
                .collect(Collectors.joining(",", "{\"events\": [", "]}")));
    }
}
