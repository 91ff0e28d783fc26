package dev.firewatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.alert.Parsed;
import java.util.ArrayList;
import java.util.List;

/**
 * How a webhook's mapping makes one value (a summary, a dedup key, a label) out of a sender's body, parsed once when
 * the config loads. Written as one of:
 *
 * <ul>
 *   <li>a {@link FieldSelector}, when the text starts with {@code $}: {@code $.data.issue.title};
 *   <li>text with selectors in braces: {@code CI {$.pipeline.name} {$.status}};
 *   <li>plain text, the same for every request: {@code Nightly backup failed}.
 * </ul>
 *
 * A selected string is used as it is; a number or {@code true}/{@code false} as its JSON text; an object or a list
 * as compact JSON. JSON {@code null} and blank strings count as missing, as they do in the other intake forms.
 *
 * @param text as written, for notes and errors
 */
public record FieldTemplate(String text, List<Part> parts) {
    public FieldTemplate {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, Placeholder {}

    public record Literal(String text) implements Part {}

    public record Placeholder(FieldSelector selector) implements Part {}

    public static Parsed<FieldTemplate> parse(String text) {
        if (text.startsWith("$")) {
            return switch (FieldSelector.parse(text)) {
                case Parsed.Ok<FieldSelector> ok ->
                    new Parsed.Ok<>(new FieldTemplate(text, List.of(new Placeholder(ok.value()))));
                case Parsed.Failed<FieldSelector> failed -> new Parsed.Failed<>(failed.offset(), failed.message());
            };
        }
        List<Part> parts = new ArrayList<>();
        int literalFrom = 0;
        int open = text.indexOf("{$");
        while (open >= 0) {
            if (open > literalFrom) {
                parts.add(new Literal(text.substring(literalFrom, open)));
            }
            FieldSelector.Parser parser = FieldSelector.parseAt(text, open + 1);
            FieldSelector selector;
            try {
                selector = parser.selector();
                if (parser.atEnd()) {
                    return new Parsed.Failed<>(open, "missing closing '}' for the '{$' here");
                }
                if (text.charAt(parser.at) != '}') {
                    throw parser.wrong("expected '}' after the selector " + selector.text() + ", found "
                            + parser.found() + "; a step is .name, ['name'] or [0]");
                }
            } catch (FieldSelector.Wrong wrong) {
                return new Parsed.Failed<>(wrong.offset, wrong.getMessage());
            }
            parts.add(new Placeholder(selector));
            literalFrom = parser.at + 1;
            open = text.indexOf("{$", literalFrom);
        }
        if (literalFrom < text.length()) {
            parts.add(new Literal(text.substring(literalFrom)));
        }
        return new Parsed.Ok<>(new FieldTemplate(text, parts));
    }

    /**
     * The value for {@code body}; null when the template has selectors and none of them found a value, so a
     * mapping can fall back to its default. A selector that finds nothing while another does leaves a gap.
     */
    public String render(JsonNode body) {
        StringBuilder value = new StringBuilder();
        boolean anySelector = false;
        boolean anyFound = false;
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> value.append(literal.text());
                case Placeholder placeholder -> {
                    anySelector = true;
                    String selected = text(placeholder.selector().select(body));
                    if (selected != null) {
                        anyFound = true;
                        value.append(selected);
                    }
                }
            }
        }
        return anySelector && !anyFound ? null : value.toString();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.isBlank() ? null : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
