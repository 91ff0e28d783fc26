package dev.firewatch.probe.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Parsed;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.ProbeSpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the condition language accepts, and every mistake it names, with the column it points at. */
class ConditionParserTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String sentence, Class<? extends ProbeSpec> kind, String text) {
        var parsed = Condition.parse(text, kind);

        assertThat(parsed).isInstanceOf(Parsed.Ok.class);
        assertThat(parsed.orThrow().text()).isEqualTo(text.strip());
    }

    static Stream<Arguments> accepted() {
        var http = ProbeSpec.Http.class;
        return Stream.of(
                arguments("a status", http, "[STATUS] == 200"),
                arguments("without spaces", http, "[STATUS]==200"),
                arguments("with spaces around", http, "  [STATUS]   !=   500  "),
                arguments("every ordering", http, "[STATUS] >= 200"),
                arguments("a nested JSON field", http, "[BODY].data.attributes.state == \"ok\""),
                arguments("an index and a wildcard", http, "[BODY].checks[0].items[*].ok == true"),
                arguments("a quoted field name", http, "[BODY][\"odd.name\"] == 1"),
                arguments("a field name with a dash", http, "[BODY].x-ray == on"),
                arguments("a bare word with a slash", http, "[HEADER].content-type == application/json"),
                arguments("single quotes", http, "[BODY] contains 'all good'"),
                arguments("an escaped quote", http, "[BODY] contains \"say \\\"hi\\\"\""),
                arguments("a regex", http, "[BODY] matches \"^\\\\{.*\\\\}$\""),
                arguments("a negative number", ProbeSpec.Sql.class, "[RESULT] > -1"),
                arguments("a decimal", ProbeSpec.Sql.class, "[RESULT] <= 0.95"),
                arguments("a combined duration", ProbeSpec.Tls.class, "[CERT_EXPIRY] > 1d12h"),
                arguments("a kind not known yet allows every placeholder", ProbeSpec.class, "[RESULT] == 0"),
                arguments("connected on a tcp monitor", ProbeSpec.Tcp.class, "[CONNECTED] == true"),
                arguments("addresses on a dns monitor", ProbeSpec.Dns.class, "[ADDRESSES] !contains 10.0.0.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void namesTheMistakeAtItsColumn(
            String sentence, Class<? extends ProbeSpec> kind, String text, int column, String message) {
        var parsed = Condition.parse(text, kind);

        assertThat(parsed).isInstanceOf(Parsed.Failed.class);
        var failed = (Parsed.Failed<Condition>) parsed;
        assertThat(failed.message()).isEqualTo(message);
        assertThat(failed.offset() + 1).as("column").isEqualTo(column);
    }

    static Stream<Arguments> mistakes() {
        var http = ProbeSpec.Http.class;
        return Stream.of(
                arguments(
                        "a misspelt placeholder",
                        http,
                        "[STATUSS] == 200",
                        1,
                        "unknown placeholder [STATUSS]; did you mean [STATUS]?"),
                arguments(
                        "a placeholder in lower case",
                        http,
                        "[status] == 200",
                        1,
                        "unknown placeholder [status]; did you mean [STATUS]?"),
                arguments(
                        "a placeholder from another tool",
                        http,
                        "[CERTIFICATE_EXPIRATION] > 48h",
                        1,
                        "unknown placeholder [CERTIFICATE_EXPIRATION]; Firewatch calls it [CERT_EXPIRY]"),
                arguments(
                        "a placeholder nothing like any",
                        http,
                        "[WHATEVER] == 1",
                        1,
                        "unknown placeholder [WHATEVER]; known placeholders: [STATUS], [BODY], [HEADER].name,"
                                + " [RESPONSE_TIME], [CERT_EXPIRY], [CERT_MATCHES_HOST], [CONNECTED], [RESULT],"
                                + " [ADDRESSES]"),
                arguments(
                        "a placeholder without brackets",
                        http,
                        "STATUS == 200",
                        1,
                        "expected a placeholder like [STATUS] == 200 or [BODY].status == \"ok\", found 'STATUS';"
                                + " write placeholders in brackets: [STATUS]"),
                arguments(
                        "a placeholder without its closing bracket",
                        http,
                        "[STATUS == 200",
                        1,
                        "missing ] after [STATUS == 200"),
                arguments(
                        "a placeholder the kind never fills",
                        http,
                        "[RESULT] == 0",
                        1,
                        "[RESULT] is never filled by an http monitor; it has [STATUS], [BODY], [HEADER].name,"
                                + " [RESPONSE_TIME], [CERT_EXPIRY], [CERT_MATCHES_HOST], [CONNECTED]"),
                arguments(
                        "a body placeholder on a tcp monitor",
                        ProbeSpec.Tcp.class,
                        "  [BODY] contains ok",
                        3,
                        "[BODY] is never filled by a tcp monitor; it has [RESPONSE_TIME], [CONNECTED]"),
                arguments(
                        "a field on a placeholder that has none",
                        http,
                        "[STATUS].code == 200",
                        9,
                        "[STATUS] has no fields; only [BODY] (like [BODY].status) and [HEADER] (like"
                                + " [HEADER].content-type) do"),
                arguments(
                        "a header without a name", http, "[HEADER] == x", 9, "name the header: [HEADER].content-type"),
                arguments(
                        "a path step that is not a field, index or wildcard",
                        http,
                        "[BODY].checks[first].ok == true",
                        15,
                        "expected [0], [*] or [\"name\"], found [first]; a step is .name, [0] for the first element,"
                                + " or [*] for every one"),
                arguments(
                        "a dot without a field name",
                        http,
                        "[BODY]. == 1",
                        8,
                        "expected a field name after '.', found a space"),
                arguments(
                        "an assignment for a comparison",
                        http,
                        "[STATUS] = 200",
                        10,
                        "unknown operator '='; did you mean '=='?"),
                arguments(
                        "a regex operator from another language",
                        http,
                        "[BODY] =~ ok",
                        8,
                        "unknown operator '=~'; did you mean 'matches'?"),
                arguments(
                        "a misspelt word operator",
                        http,
                        "[BODY] contain ok",
                        8,
                        "unknown operator 'contain'; did you mean 'contains'?"),
                arguments(
                        "an operator nothing like any",
                        http,
                        "[BODY] includes ok",
                        8,
                        "unknown operator 'includes'; expected ==, !=, <, <=, >, >=, contains, !contains or"
                                + " matches"),
                arguments(
                        "no operator",
                        http,
                        "[STATUS]",
                        9,
                        "missing operator after [STATUS]; expected ==, !=, <, <=, >, >=, contains, !contains or"
                                + " matches"),
                arguments(
                        "no value",
                        http,
                        "[STATUS] == ",
                        13,
                        "missing value after ==; write one like 200, \"ok\", 400ms, true or null"),
                arguments(
                        "an unterminated quote",
                        http,
                        "[BODY].status == \"ok",
                        18,
                        "unterminated quote; add the closing \""),
                arguments(
                        "two conditions in one",
                        http,
                        "[STATUS] == 200 && [BODY] contains ok",
                        17,
                        "unexpected '&&' after the value 200; a condition is one comparison (write each in its own"
                                + " list item), and text with spaces goes in double quotes"),
                arguments(
                        "text with spaces without quotes",
                        http,
                        "[BODY] contains all good",
                        21,
                        "unexpected 'good' after the value all; a condition is one comparison (write each in its"
                                + " own list item), and text with spaces goes in double quotes"),
                arguments("a status compared with text", http, "[STATUS] == ok", 13, "[STATUS] is a number, found ok"),
                arguments(
                        "a status with contains",
                        http,
                        "[STATUS] contains 5",
                        10,
                        "[STATUS] is a number; compare it with ==, !=, <, <=, >, >= or matches, like [STATUS] == 200"),
                arguments(
                        "a certificate expiry without a unit",
                        http,
                        "[CERT_EXPIRY] > 14",
                        17,
                        "[CERT_EXPIRY] is a duration; write it with a unit, like 14d, found 14"),
                arguments(
                        "a response time compared with text",
                        http,
                        "[RESPONSE_TIME] < fast",
                        19,
                        "[RESPONSE_TIME] is a duration; write milliseconds or a duration like 400ms, 2s or 14d, found"
                                + " fast"),
                arguments(
                        "a response time with contains",
                        http,
                        "[RESPONSE_TIME] contains 4",
                        17,
                        "[RESPONSE_TIME] is a duration; compare it with ==, !=, <, <=, > or >=, like [RESPONSE_TIME] <"
                                + " 400ms"),
                arguments(
                        "connected compared with a number",
                        ProbeSpec.Tcp.class,
                        "[CONNECTED] == 1",
                        16,
                        "[CONNECTED] is true or false, found 1"),
                arguments(
                        "connected with an ordering",
                        ProbeSpec.Tcp.class,
                        "[CONNECTED] > false",
                        13,
                        "[CONNECTED] is true or false; compare it with == or !="),
                arguments(
                        "a duration compared with a body field",
                        http,
                        "[BODY].age < 5m",
                        14,
                        "a duration like 5m compares only with [RESPONSE_TIME] or [CERT_EXPIRY]; put text in quotes:"
                                + " \"5m\""),
                arguments(
                        "an ordering with text",
                        http,
                        "[BODY].count > many",
                        16,
                        "> compares numbers, found text many"),
                arguments(
                        "null for the whole body",
                        http,
                        "[BODY] == null",
                        11,
                        "only a field of the body or [RESULT] can be null, compared with == or !=; [BODY] is text"),
                arguments(
                        "addresses with ==",
                        ProbeSpec.Dns.class,
                        "[ADDRESSES] == 10.0.0.1",
                        13,
                        "[ADDRESSES] is a list of addresses; use contains, !contains or matches, like [ADDRESSES]"
                                + " contains 10.0.0.5"),
                arguments(
                        "a regex that does not compile points into it",
                        http,
                        "[BODY] matches \"ok(\"",
                        20,
                        "invalid regex \"ok(\": Unclosed group"),
                arguments(
                        "an empty condition",
                        http,
                        "   ",
                        4,
                        "the condition is empty; write one like [STATUS] == 200 or [BODY].status == \"ok\""));
    }
}
