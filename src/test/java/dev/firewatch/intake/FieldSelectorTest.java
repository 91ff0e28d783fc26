package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.Parsed;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSONPath subset that webhook mappings select values with, and the templates built from it. */
class FieldSelectorTest {
    static final JsonNode BODY = json("""
            {"action": "created",
             "data": {"issue": {"id": "4021", "title": "TypeError in checkout", "count": 17, "is_new": true,
                                "tags": [["env", "prod"], ["release", "1.4.2"]], "assignee": null, "culprit": " "}},
             "odd keys": {"a.b": 1, "it's": "quoted", "say \\"hi\\"": "double", "": "empty name"},
             "steps": [{"name": "build"}, {"name": "test"}, {"name": "deploy"}],
             "project-slug": "shop"}""");

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void selectsOneValueFromTheBody(String sentence, String selector, String expected) {
        JsonNode selected = FieldSelector.parse(selector).orThrow().select(BODY);

        assertThat(selected == null ? null : selected.toString()).isEqualTo(expected);
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                arguments("$ alone is the whole body", "$", BODY.toString()),
                arguments("a field of the top object", "$.action", "\"created\""),
                arguments("fields down several objects", "$.data.issue.title", "\"TypeError in checkout\""),
                arguments("a number stays a number", "$.data.issue.count", "17"),
                arguments("a name with a dash needs no quotes", "$.project-slug", "\"shop\""),
                arguments("a name with a space in single quotes", "$['odd keys']['a.b']", "1"),
                arguments("a quote escaped inside single quotes", "$['odd keys']['it\\'s']", "\"quoted\""),
                arguments("double quotes work too, with escapes", "$['odd keys'][\"say \\\"hi\\\"\"]", "\"double\""),
                arguments("an empty name in quotes", "$['odd keys']['']", "\"empty name\""),
                arguments("dots and brackets mix", "$['data'].issue['id']", "\"4021\""),
                arguments("an index counts from 0", "$.steps[0].name", "\"build\""),
                arguments("a negative index counts from the end", "$.steps[-1].name", "\"deploy\""),
                arguments("indexes nest", "$.data.issue.tags[1][1]", "\"1.4.2\""),
                arguments("JSON null is selected as null", "$.data.issue.assignee", "null"),
                arguments("a missing field finds nothing", "$.data.issue.level", null),
                arguments("an index past the end finds nothing", "$.steps[3]", null),
                arguments("a negative index before the start finds nothing", "$.steps[-4]", null),
                arguments("a field of a list finds nothing", "$.steps.name", null),
                arguments("an index into an object finds nothing", "$.data[0]", null),
                arguments("a field of a string finds nothing", "$.action.length", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesWhatItCannotReadAndSaysWhere(String sentence, String selector, int offset, String message) {
        Parsed<FieldSelector> parsed = FieldSelector.parse(selector);

        assertThat(parsed).isEqualTo(new Parsed.Failed<FieldSelector>(offset, message));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "a path without the $",
                        "data.title",
                        0,
                        "a selector starts with $, like $.data.title; found 'd'"),
                arguments("an empty selector", "", 0, "a selector starts with $, like $.data.title; found the end"),
                arguments(
                        "a dot with no name after it",
                        "$.data.",
                        7,
                        "expected a field name after '.', found the end; write ['...'] for a name with other"
                                + " characters"),
                arguments(
                        "a space in a dotted name",
                        "$.data.issue title",
                        12,
                        "unexpected ' ' after the selector $.data.issue; a step is .name, ['name'] or [0]"),
                arguments(
                        "recursive descent, which JSONPath has and we do not",
                        "$..title",
                        1,
                        "recursive descent (..) is not supported; write the whole path, like $.data.title"),
                arguments(
                        "a wildcard after a dot",
                        "$.steps.*",
                        8,
                        "wildcards (*) are not supported; a selector names one value"),
                arguments(
                        "a wildcard in brackets",
                        "$.steps[*].name",
                        8,
                        "wildcards (*) are not supported; a selector names one value"),
                arguments(
                        "a filter",
                        "$.steps[?(@.name=='test')]",
                        8,
                        "filters ([?...]) are not supported; a selector names one value"),
                arguments(
                        "an unquoted name in brackets",
                        "$[data]",
                        2,
                        "expected a quoted name like ['name'] or an index like [0] after '[', found 'd'"),
                arguments("an unterminated quote", "$['data]", 2, "unterminated quote; add the closing '"),
                arguments("a missing closing bracket", "$.steps[0", 7, "missing closing ']' for the '[' here"),
                arguments("something else before the bracket closes", "$.steps[0:2]", 9, "expected ']', found ':'"),
                arguments("a minus sign alone", "$.steps[-]", 8, "expected an index like 0 or -1, found \"-\""),
                arguments(
                        "an index too big for a list",
                        "$.steps[99999999999]",
                        8,
                        "expected an index like 0 or -1, found \"99999999999\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void rendersTemplatesFromTheBody(String sentence, String template, String expected) {
        assertThat(FieldTemplate.parse(template).orThrow().render(BODY)).isEqualTo(expected);
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                arguments(
                        "a selector gives the string itself, unquoted", "$.data.issue.title", "TypeError in checkout"),
                arguments("a number gives its digits", "$.data.issue.count", "17"),
                arguments("true gives true", "$.data.issue.is_new", "true"),
                arguments("an object gives compact JSON", "$.steps[0]", "{\"name\":\"build\"}"),
                arguments("null counts as missing", "$.data.issue.assignee", null),
                arguments("a blank string counts as missing", "$.data.issue.culprit", null),
                arguments("a missing field is missing", "$.data.issue.level", null),
                arguments("plain text is the same for every body", "Nightly backup failed", "Nightly backup failed"),
                arguments(
                        "text with placeholders",
                        "{$.project-slug}: {$.data.issue.title} ({$.data.issue.count} events)",
                        "shop: TypeError in checkout (17 events)"),
                arguments(
                        "a placeholder that finds nothing leaves a gap",
                        "sentry-{$.data.issue.id}{$.nope}",
                        "sentry-4021"),
                arguments("when no placeholder finds anything, the template is missing", "CI {$.nope} {$.nada}", null),
                arguments("a brace without $ is text", "{not a selector} {$.action}", "{not a selector} created"),
                arguments("a quoted name may hold a closing brace", "[{$['odd keys']['it\\'s']}]", "[quoted]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateMistakes")
    void pointsAtTheMistakeInsideATemplate(String sentence, String template, int offset, String message) {
        assertThat(FieldTemplate.parse(template)).isEqualTo(new Parsed.Failed<FieldTemplate>(offset, message));
    }

    static Stream<Arguments> templateMistakes() {
        return Stream.of(
                arguments(
                        "a placeholder that never closes",
                        "CI {$.pipeline.name",
                        3,
                        "missing closing '}' for the '{$' here"),
                arguments(
                        "a space inside a placeholder",
                        "CI {$.pipeline name}",
                        14,
                        "expected '}' after the selector $.pipeline, found ' '; a step is .name, ['name'] or [0]"),
                arguments(
                        "a bad step inside a placeholder, at its own column",
                        "Build {$.builds[*].id} failed",
                        16,
                        "wildcards (*) are not supported; a selector names one value"),
                arguments(
                        "text after a whole selector",
                        "$.title is broken",
                        7,
                        "unexpected ' ' after the selector $.title; a step is .name, ['name'] or [0]"));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
