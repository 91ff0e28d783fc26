package dev.firewatch.logwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bodies {@code POST /api/v1/logs} reads, and every way one can be malformed, each naming its line. */
class LogBodyTest {
    static LogBody.Result read(String contentType, String body) {
        return LogBody.read(body.getBytes(StandardCharsets.UTF_8), contentType, Map.of("env", "prod"));
    }

    static Stream<Arguments> readable() {
        return Stream.of(
                arguments("plain text, one line per line", "text/plain", "a\r\nb\n\n  \nc", List.of("a", "b", "c")),
                arguments("no content type reads as text", null, "a\nb", List.of("a", "b")),
                arguments("an empty body is no lines", "text/plain", "", List.of()),
                arguments(
                        "JSON lines with the shippers' message fields",
                        "application/x-ndjson",
                        "{\"message\": \"m\"}\n{\"msg\": \"n\"}\n{\"line\": \"o\"}\n{\"log\": \"p\"}\n{\"MESSAGE\": \"q\"}"
                                + "\n{\"_msg\": \"r\"}\n\"s\"",
                        List.of("m", "n", "o", "p", "q", "r", "s")),
                arguments("an array of lines", "application/json", "[\"a\", {\"msg\": \"b\"}]", List.of("a", "b")),
                arguments(
                        "an envelope with shared labels",
                        "application/json",
                        "{\"labels\": {\"app\": \"api\"}, \"lines\": [\"a\"]}",
                        List.of("a")),
                arguments("one line object", "application/json", "{\"msg\": \"a\"}", List.of("a")),
                arguments(
                        "JSON lines sent as application/json, as Fluent Bit does",
                        "application/json",
                        "{\"log\": \"a\", \"date\": 1795489200.25}\n{\"log\": \"b\"}",
                        List.of("a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void reads(String sentence, String contentType, String body, List<String> lines) {
        assertThat(read(contentType, body)).isInstanceOfSatisfying(LogBody.Lines.class, read -> assertThat(read.lines())
                .extracting(LogLine::text)
                .containsExactlyElementsOf(lines));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments(
                        "a JSON line cut off",
                        "application/x-ndjson",
                        "{\"msg\": \"a\"}\n{\"msg\": ",
                        "line 2: not" + " valid JSON"),
                arguments("a line that is a number", "application/x-ndjson", "42", "line 1: expected a line object"),
                arguments("null", "application/json", "null", "line 1: expected a line object like"),
                arguments(
                        "a line without a message",
                        "application/x-ndjson",
                        "{\"msg\": \"a\"}\n{\"level\": \"error\"}",
                        "line 2: no message; put the line's text in one of message, msg"),
                arguments(
                        "a message that is not text",
                        "application/json",
                        "[{\"msg\": {\"a\": 1}}]",
                        "line 1 ([0]): msg must be a string, found an object"),
                arguments(
                        "a time without an offset",
                        "application/x-ndjson",
                        "{\"msg\": \"a\", \"time\": \"2026-11-23T03:00:00\"}",
                        "line 1: time: expected an RFC 3339 time"),
                arguments(
                        "labels that are not an object",
                        "application/x-ndjson",
                        "{\"msg\": \"a\", \"labels\": [\"x\"]}",
                        "line 1: labels: expected an object of label names to values"),
                arguments(
                        "a label whose value is an object",
                        "application/x-ndjson",
                        "{\"msg\": \"a\", \"labels\": {\"app\": {}}}",
                        "line 1: labels.app: a label's value must be a string"),
                arguments(
                        "lines in an envelope that are not a list",
                        "application/json",
                        "{\"lines\": \"a\"}",
                        "lines: expected a list of lines, found a string"),
                arguments("broken JSON in one piece", "application/json", "[\"a\", ", "line 1: not valid JSON"),
                arguments(
                        "nesting without end",
                        "application/json",
                        "[".repeat(100),
                        "line 1: not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesNamingTheLine(String sentence, String contentType, String body, String error) {
        assertThat(read(contentType, body)).isInstanceOfSatisfying(LogBody.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).startsWith(error);
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheirLine() {
        var result = LogBody.read(new byte[] {'a', '\n', 'b', '\n', (byte) 0xc3, '(', '\n'}, "text/plain", Map.of());

        assertThat(result).isInstanceOfSatisfying(LogBody.Refused.class, refused -> assertThat(refused.error())
                .startsWith("line 3: not UTF-8"));
    }

    @Test
    void aContentTypeThatIsNeitherTextNorJsonIs415() {
        assertThat(read("image/png", "x"))
                .isInstanceOfSatisfying(LogBody.Refused.class, refused -> assertThat(refused.status())
                        .isEqualTo(415));
    }

    @Test
    void aLinesLabelsComeFromTheRequestItsFieldsAndItsLabelsInThatOrder() {
        var result = read(
                "application/x-ndjson",
                "{\"msg\": \"a\", \"env\": \"staging\", \"level\": \"error\", \"count\": 3, \"nested\": {\"x\": 1},"
                        + " \"labels\": {\"level\": \"warn\"}, \"timestamp\": \"2026-11-23T03:00:12.5+01:00\"}");

        LogLine line = ((LogBody.Lines) result).lines().getFirst();
        assertThat(line.labels()).isEqualTo(Map.of("env", "staging", "level", "warn", "count", "3"));
        assertThat(line.loggedAt()).isEqualTo(Instant.parse("2026-11-23T02:00:12.500Z"));
    }

    @Test
    void unixSecondsAndMillisecondsAreBothTimes() {
        var result = read(
                "application/x-ndjson",
                "{\"msg\": \"a\", \"ts\": 1795489200.25}\n{\"msg\": \"b\", \"ts\": 1795489200250}");

        assertThat(((LogBody.Lines) result).lines())
                .extracting(LogLine::loggedAt)
                .containsOnly(Instant.ofEpochMilli(1795489200250L));
    }
}
