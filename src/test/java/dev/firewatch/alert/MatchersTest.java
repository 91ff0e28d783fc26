package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchersTest {
    private static final Map<String, String> DISK =
            Map.of("alertname", "DiskFull", "severity", "critical", "env", "prod");

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matchesWithAlertmanagerSemantics(String sentence, String matchers, boolean expected) {
        assertThat(Matchers.parse(matchers).orThrow().matches(DISK)).isEqualTo(expected);
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                arguments("equal matches the same value", "alertname=\"DiskFull\"", true),
                arguments("equal is case-sensitive", "alertname=\"diskfull\"", false),
                arguments("the bare form needs no quotes", "alertname=DiskFull", true),
                arguments("braces around the list", "{alertname=\"DiskFull\", env=\"prod\"}", true),
                arguments("all must match", "{alertname=\"DiskFull\", env=\"staging\"}", false),
                arguments("not equal", "env!=staging", true),
                arguments("not equal to the value it has", "env!=prod", false),
                arguments("a regex alternative", "severity=~\"critical|page\"", true),
                arguments("a regex is anchored at both ends", "severity=~\"crit\"", false),
                arguments("a regex is anchored even with .* on one side", "severity=~\"crit.*\"", true),
                arguments("a negative regex", "env!~\"stag.*|dev\"", true),
                arguments("a negative regex that matches", "env!~\"pr.d\"", false),
                arguments("an absent label equals the empty string", "team=\"\"", true),
                arguments("an absent label is not equal to a value", "team!=db", true),
                arguments("an absent label matches a regex that allows empty", "team=~\"db|\"", true),
                arguments("an absent label fails a regex that needs a value", "team=~\".+\"", false),
                arguments("no matchers match everything", "{}", true),
                arguments("empty text matches everything", "", true),
                arguments("a trailing comma is allowed", "{env=prod,}", true),
                arguments("spaces around operators are allowed", " { env = \"prod\" , severity =~ crit.* } ", true),
                arguments("a quoted label name", "\"alertname\"=DiskFull", true),
                arguments("a backslash that is no escape stays for the regex", "alertname=~\"\\\\w+\"", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheFirstMistakeWithItsColumn(String sentence, String text, int column, String message) {
        var failed = (Parsed.Failed<Matchers>) Matchers.parse(text);

        assertThat(failed.offset() + 1).as("column").isEqualTo(column);
        assertThat(failed.message()).isEqualTo(message);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unterminated quote points at the quote",
                        "{env=\"prod}",
                        6,
                        "unterminated quote in matcher; add the closing \""),
                arguments(
                        "an invalid regex points at the value", "env=~\"(\"", 6, "invalid regex \"(\": Unclosed group"),
                arguments(
                        "a missing operator",
                        "env prod",
                        5,
                        "expected an operator (=, !=, =~ or !~) after the label name env, found 'p'"),
                arguments("a missing label name", "=prod", 1, "expected a label name, found '='"),
                arguments("a missing closing brace", "{env=prod", 1, "missing closing '}' for the '{' here"),
                arguments("a stray closing brace", "env=prod}", 9, "unexpected '}' without an opening '{'"),
                arguments("a missing comma", "env=prod team=db", 10, "expected ',' between matchers, found 't'"),
                arguments(
                        "a doubled equals sign",
                        "env==prod",
                        5,
                        "unexpected '=' in the value of env; put a value that contains it in double quotes"),
                arguments("text after the closing brace", "{env=prod} x", 12, "unexpected 'x' after the closing '}'"));
    }

    @Test
    void printsTheCanonicalFormAndReadsItBack() {
        var written = "{alertname=DiskFull, severity =~ \"critical|page\", \"odd name\"!=\"say \\\"hi\\\"\"}";

        var matchers = Matchers.parse(written).orThrow();

        assertThat(matchers.toString())
                .isEqualTo("{alertname=\"DiskFull\", severity=~\"critical|page\", \"odd name\"!=\"say \\\"hi\\\"\"}");
        assertThat(Matchers.parse(matchers.toString()).orThrow()).isEqualTo(matchers);
        assertThat(matchers.list().get(2).value()).isEqualTo("say \"hi\"");
    }

    @Test
    void saysWhichMatcherFailed() {
        var matchers = Matchers.parse("alertname=DiskFull, env=staging").orThrow();

        assertThat(matchers.firstMismatch(DISK)).contains(Matcher.equal("env", "staging"));
    }

    @Test
    void matchersFromAnAlertsLabelsMatchThatAlert() {
        var matchers = Matchers.equalTo(DISK);

        assertThat(matchers.toString()).isEqualTo("{alertname=\"DiskFull\", env=\"prod\", severity=\"critical\"}");
        assertThat(matchers.matches(DISK)).isTrue();
    }

    @Test
    void aSingleMatcherParsesAlone() {
        assertThat(Matcher.parse("severity=~\"critical|page\"").orThrow().op()).isEqualTo(Matcher.Op.REGEX);
        assertThat(Matcher.parse("a=b, c=d")).isInstanceOf(Parsed.Failed.class);
    }

    @Test
    void knowsWhenItWouldMatchAnAlertWithoutTheLabel() {
        assertThat(Matcher.parse("team=~\".*\"").orThrow().matchesEmpty()).isTrue();
        assertThat(Matcher.parse("team!=db").orThrow().matchesEmpty()).isTrue();
        assertThat(Matcher.parse("team=db").orThrow().matchesEmpty()).isFalse();
    }

    @Test
    void labelsForTheCommandLineAreNameEqualsValuePairs() {
        assertThat(Labels.parse("team=db, env=\"prod, eu\"").orThrow())
                .containsExactly(Map.entry("env", "prod, eu"), Map.entry("team", "db"));
        var regex = (Parsed.Failed<Map<String, String>>) Labels.parse("team=db,env=~prod");
        assertThat(regex.offset()).isEqualTo(11);
        assertThat(regex.message()).isEqualTo("expected name=value, found the operator =~");
    }
}
