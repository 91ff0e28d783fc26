package dev.firewatch.intake;

import static dev.firewatch.intake.WholeBodyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PagerDuty Events API v2 change events ({@code POST /v2/change/enqueue}): kept as a service's recent changes. */
class ChangeEventDecoderTest {
    static final String FOLDER = "change-events";
    final ChangeEventDecoder decoder = new ChangeEventDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesEachGoldenBodyToItsChangeAndPagerDutysAnswer(String sentence, String name) throws IOException {
        DecodedChange decoded = decoder.decode(GoldenFiles.request(FOLDER, name), GoldenFiles.RECEIVED_AT);
        EventsV2Responses.Body answer = EventsV2Responses.answer(decoded);

        ObjectMapper plain = new ObjectMapper();
        Map<String, Object> expected = new LinkedHashMap<>();
        switch (decoded) {
            case DecodedChange.Accepted accepted -> expected.put("accepted", accepted.change());
            case DecodedChange.Rejected rejected -> expected.put("rejected", rejected.errors());
        }
        expected.put("http_status", answer.httpStatus());
        expected.put("response", plain.readTree(plain.writeValueAsBytes(answer)));
        GoldenFiles.check(FOLDER, name, expected);
    }

    static Stream<Arguments> goldens() {
        return GoldenFiles.requests(FOLDER).map(name -> arguments(name.replace('-', ' '), name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsEveryMistakeInABodyAtOnceByItsPath(String sentence, String body, List<String> fields) {
        List<FieldError> errors = EveryDecoder.errors(decoder.decode(utf8(body), GoldenFiles.RECEIVED_AT));

        assertThat(errors).extracting(FieldError::field).containsExactlyElementsOf(fields);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("an empty object", "{}", List.of("routing_key", "payload")),
                arguments(
                        "a payload without a summary",
                        "{\"routing_key\": \"k\", \"payload\": {}}",
                        List.of("payload.summary")),
                arguments(
                        "a summary, source and timestamp of the wrong types",
                        "{\"routing_key\": [], \"payload\": {\"summary\": {}, \"source\": 1, \"timestamp\": false}}",
                        List.of("routing_key", "payload.summary", "payload.source", "payload.timestamp")),
                arguments(
                        "a link without its href",
                        "{\"routing_key\": \"k\", \"payload\": {\"summary\": \"s\"}, \"links\": [{\"text\": \"t\"}]}",
                        List.of("links[0].href")));
    }
}
