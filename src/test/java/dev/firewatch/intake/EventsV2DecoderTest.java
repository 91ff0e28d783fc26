package dev.firewatch.intake;

import static dev.firewatch.intake.WholeBodyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.Signal;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PagerDuty Events API v2 alert events ({@code POST /v2/enqueue}) and the answers PagerDuty gives. */
class EventsV2DecoderTest {
    static final String FOLDER = "events-v2";
    final EventsV2Decoder decoder = new EventsV2Decoder(() -> "0123456789abcdef0123456789abcdef");

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesEachGoldenBodyToItsSignalAndPagerDutysAnswer(String sentence, String name) throws IOException {
        Decoded decoded = decoder.decode(GoldenFiles.request(FOLDER, name), GoldenFiles.RECEIVED_AT);
        EventsV2Responses.Body answer = EventsV2Responses.answer(decoded);

        // The answer as a plain ObjectMapper writes it, which is what a sender reads.
        ObjectMapper plain = new ObjectMapper();
        Map<String, Object> expected = new LinkedHashMap<>(GoldenFiles.describe(decoded));
        expected.put("http_status", answer.httpStatus());
        expected.put("response", plain.readTree(plain.writeValueAsBytes(answer)));
        GoldenFiles.check(FOLDER, name, expected);
    }

    static Stream<Arguments> goldens() {
        return GoldenFiles.requests(FOLDER).map(name -> arguments(name.replace('-', ' '), name));
    }

    @Test
    void givesATriggerWithoutADedupKeyAFreshOneAndReturnsItInTheAnswer() {
        byte[] body = utf8("""
                {"routing_key": "demo-key", "event_action": "trigger",
                 "payload": {"summary": "s", "source": "h", "severity": "info"}}""");
        EventsV2Decoder random = new EventsV2Decoder();

        Signal first = accepted(random.decode(body, GoldenFiles.RECEIVED_AT));
        Signal second = accepted(random.decode(body, GoldenFiles.RECEIVED_AT));

        assertThat(first.dedupKey()).matches("[0-9a-f]{32}").isNotEqualTo(second.dedupKey());
        assertThat(EventsV2Responses.answer(new Decoded.Accepted(List.of(first))))
                .isEqualTo(new EventsV2Responses.Accepted("success", "Event processed", first.dedupKey()));
    }

    @Test
    void keepsTheSendersDedupKeyOnATrigger() {
        byte[] body = utf8("""
                {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "disk-db1",
                 "payload": {"summary": "s", "source": "h", "severity": "info"}}""");

        assertThat(accepted(decoder.decode(body, GoldenFiles.RECEIVED_AT)).dedupKey())
                .isEqualTo("disk-db1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsEveryMistakeInABodyAtOnceByItsPath(String sentence, String body, List<String> fields, String message) {
        List<FieldError> errors = EveryDecoder.errors(decoder.decode(utf8(body), GoldenFiles.RECEIVED_AT));

        assertThat(errors).extracting(FieldError::field).containsExactlyElementsOf(fields);
        assertThat(errors.getFirst().message()).isEqualTo(message);
    }

    static Stream<Arguments> malformed() {
        String payload = "\"payload\": {\"summary\": \"s\", \"source\": \"h\", \"severity\": \"info\"}";
        return Stream.of(
                arguments(
                        "an empty object",
                        "{}",
                        List.of("routing_key", "event_action"),
                        "'routing_key' is missing; expected a string"),
                arguments(
                        "an acknowledge without a dedup key",
                        "{\"routing_key\": \"k\", \"event_action\": \"acknowledge\"}",
                        List.of("dedup_key"),
                        "'dedup_key' is missing; expected a string"),
                arguments(
                        "a resolve with a blank dedup key",
                        "{\"routing_key\": \"k\", \"event_action\": \"resolve\", \"dedup_key\": \" \"}",
                        List.of("dedup_key"),
                        "'dedup_key' is missing or blank; expected a string"),
                arguments(
                        "a trigger without a payload",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\"}",
                        List.of("payload"),
                        "'payload' is missing; expected an object"),
                arguments(
                        "a trigger whose payload is empty",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": {}}",
                        List.of("payload.summary", "payload.source", "payload.severity"),
                        "'payload.summary' is missing; expected a string"),
                arguments(
                        "an unknown event action, with the payload still checked",
                        "{\"routing_key\": \"k\", \"event_action\": \"escalate\", \"payload\": {\"severity\": 3}}",
                        List.of("event_action", "payload.summary", "payload.source", "payload.severity"),
                        "'event_action' is invalid (must be one of trigger, acknowledge, resolve), got \"escalate\""),
                arguments(
                        "an event action in capitals",
                        "{\"routing_key\": \"k\", \"event_action\": \"TRIGGER\", " + payload + "}",
                        List.of("event_action"),
                        "'event_action' is invalid (must be one of trigger, acknowledge, resolve), got \"TRIGGER\""),
                arguments(
                        "an unknown severity",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", " + payload.replace("info", "fatal")
                                + "}",
                        List.of("payload.severity"),
                        "'payload.severity' is invalid (must be one of critical, error, warning, info), got"
                                + " \"fatal\""),
                arguments(
                        "a routing key that is a number",
                        "{\"routing_key\": 12345, \"event_action\": \"trigger\", " + payload + "}",
                        List.of("routing_key"),
                        "'routing_key' must be a string, got a number"),
                arguments(
                        "a payload that is a string",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": \"disk full\"}",
                        List.of("payload"),
                        "'payload' must be an object, got a string"),
                arguments(
                        "a timestamp without an offset",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", "
                                + payload.replace("}", ", \"timestamp\": \"2026-11-23T03:14:15\"}") + "}",
                        List.of("payload.timestamp"),
                        "'payload.timestamp' is not an ISO 8601 time with an offset (like"
                                + " 2026-11-23T03:14:15.926Z), got \"2026-11-23T03:14:15\""),
                arguments(
                        "a timestamp that is a Unix time number",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", "
                                + payload.replace("}", ", \"timestamp\": 1795000000}") + "}",
                        List.of("payload.timestamp"),
                        "'payload.timestamp' must be a string, got a number"),
                arguments(
                        "a dedup key longer than 255 characters",
                        "{\"routing_key\": \"k\", \"event_action\": \"resolve\", \"dedup_key\": \"" + "k".repeat(256)
                                + "\"}",
                        List.of("dedup_key"),
                        "'dedup_key' is 256 characters long; at most 255 are allowed"),
                arguments(
                        "links that are not a list, and images without src",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", " + payload
                                + ", \"links\": {\"href\": \"x\"}, \"images\": [{\"alt\": \"a\"}, 3]}",
                        List.of("images[0].src", "images[1]", "links"),
                        "'images[0].src' is missing; expected a string"),
                arguments(
                        "component, group and class that are not strings",
                        "{\"routing_key\": \"k\", \"event_action\": \"trigger\", "
                                + payload.replace("}", ", \"component\": 1, \"group\": [], \"class\": false}") + "}",
                        List.of("payload.component", "payload.group", "payload.class"),
                        "'payload.component' must be a string, got a number"),
                arguments(
                        "a summary with a value that could flood the answer",
                        "{\"routing_key\": \"k\", \"event_action\": \"" + "x".repeat(500) + "\"}",
                        List.of("event_action"),
                        "'event_action' is invalid (must be one of trigger, acknowledge, resolve), got \""
                                + "x".repeat(64) + "…\""));
    }

    @Test
    void keepsHugeNumbersInCustomDetailsWithoutFailing() {
        String digits = "9".repeat(400);
        byte[] body = utf8("{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"s\","
                + " \"source\": \"h\", \"severity\": \"info\", \"custom_details\": {\"big\": " + digits
                + ", \"huge\": 1e999999, \"tiny\": -1e-999999}}}");

        Signal.Trigger trigger = (Signal.Trigger) accepted(decoder.decode(body, GoldenFiles.RECEIVED_AT));

        assertThat(trigger.details())
                .containsEntry("big", new BigInteger(digits))
                .containsEntry("huge", Double.POSITIVE_INFINITY)
                .containsEntry("tiny", -0.0);
    }

    @Test
    void readsOnlyTheKeyOfAnAcknowledgeAndResolveAsPagerDutyDoes() {
        byte[] body = utf8("""
                {"routing_key": "demo-key", "event_action": "resolve", "dedup_key": "d",
                 "payload": {"severity": "not checked", "summary": 5}}""");

        assertThat(accepted(decoder.decode(body, GoldenFiles.RECEIVED_AT)))
                .isEqualTo(new Signal.Resolve(
                        "demo-key", "d", Map.of(), GoldenFiles.RECEIVED_AT, Signal.Source.EVENTS_V2));
    }

    @Test
    void writesPagerDutysAnswersByteForByte() throws IOException {
        ObjectMapper plain = new ObjectMapper();

        assertThat(plain.writeValueAsString(EventsV2Responses.accepted("abc")))
                .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"abc\"}");
        assertThat(plain.writeValueAsString(EventsV2Responses.changeAccepted()))
                .isEqualTo("{\"status\":\"success\",\"message\":\"Change event processed\"}");
        assertThat(plain.writeValueAsString(EventsV2Responses.invalid(List.of(new FieldError("f", "'f' is bad")))))
                .isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"'f' is bad\"]}");
        assertThat(plain.writeValueAsString(EventsV2Responses.throttled()))
                .isEqualTo("{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too"
                        + " quickly.  Please retry later.\"}");
        assertThat(List.of(
                        EventsV2Responses.accepted("abc").httpStatus(),
                        EventsV2Responses.changeAccepted().httpStatus(),
                        EventsV2Responses.invalid(List.of()).httpStatus(),
                        EventsV2Responses.throttled().httpStatus()))
                .containsExactly(202, 202, 400, 429);
    }

    static Signal accepted(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
        List<Signal> signals = ((Decoded.Accepted) decoded).signals();
        assertThat(signals).hasSize(1);
        return signals.getFirst();
    }
}
