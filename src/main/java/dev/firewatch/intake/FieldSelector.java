package dev.firewatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.alert.Parsed;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one value sits in a sender's JSON body, written in a small subset of JSONPath (RFC 9535), parsed once
 * when the config loads:
 *
 * <pre>
 * selector = "$" { step }
 * step     = "." name | "[" quoted "]" | "[" index "]"
 * name     = one or more letters, digits, '_' or '-'
 * quoted   = "'" text "'" | '"' text '"'      (a backslash escapes the quote and itself)
 * index    = [ "-" ] digits                   ([0] is the first element, [-1] the last)
 * </pre>
 *
 * No wildcards, filters or recursive descent: a mapping names one value, and a selector that could find several
 * would leave the reader guessing which one became the summary.
 *
 * @param text the selector as written, for notes like "no value at $.data.title"
 */
public record FieldSelector(String text, List<Step> steps) {
    public FieldSelector {
        steps = List.copyOf(steps);
    }

    /** One step down from a value. */
    public sealed interface Step permits Field, Index {}

    /** An object's field by name. */
    public record Field(String name) implements Step {}

    /** A list's element; negative counts from the end. */
    public record Index(int index) implements Step {}

    /** The selector that is all of {@code text}; the error names the first character that is wrong. */
    public static Parsed<FieldSelector> parse(String text) {
        Parser parser = new Parser(text, 0);
        try {
            FieldSelector selector = parser.selector();
            if (!parser.atEnd()) {
                throw parser.wrong("unexpected " + parser.found() + " after the selector " + selector.text()
                        + "; a step is .name, ['name'] or [0]");
            }
            return new Parsed.Ok<>(selector);
        } catch (Wrong wrong) {
            return new Parsed.Failed<>(wrong.offset, wrong.getMessage());
        }
    }

    /**
     * The selector that starts at {@code from} and ends where the next character cannot continue it, for a
     * placeholder inside a template; {@link Parser#at} then points at that character.
     */
    static Parser parseAt(String text, int from) {
        return new Parser(text, from);
    }

    /** The selected value; null when a step finds nothing (a missing field, an index past the end, a wrong kind). */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Step step : steps) {
            node = switch (step) {
                case Field field -> node.isObject() ? node.get(field.name()) : null;
                case Index index -> node.isArray() ? element(node, index.index()) : null;
            };
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode element(JsonNode list, int index) {
        int at = index < 0 ? list.size() + index : index;
        return at >= 0 && at < list.size() ? list.get(at) : null;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Thrown only inside the parser, to unwind with the first error. */
    static final class Wrong extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Wrong(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** Reads one character at a time, so every error has the offset where the text goes wrong. */
    static final class Parser {
        private final String text;
        private final int start;
        int at;

        Parser(String text, int start) {
            this.text = text;
            this.start = start;
            this.at = start;
        }

        FieldSelector selector() throws Wrong {
            if (!peek('$')) {
                throw wrong("a selector starts with $, like $.data.title; found " + found());
            }
            at++;
            List<Step> steps = new ArrayList<>();
            while (!atEnd()) {
                if (text.startsWith("..", at)) {
                    throw wrong("recursive descent (..) is not supported; write the whole path, like $.data.title");
                }
                if (peek('.')) {
                    at++;
                    steps.add(new Field(name()));
                } else if (peek('[')) {
                    steps.add(bracket());
                } else {
                    break;
                }
            }
            return new FieldSelector(text.substring(start, at), steps);
        }

        private String name() throws Wrong {
            int from = at;
            while (!atEnd() && isNameChar(text.charAt(at))) {
                at++;
            }
            if (from == at) {
                if (peek('*')) {
                    throw wrong("wildcards (*) are not supported; a selector names one value");
                }
                throw wrong("expected a field name after '.', found " + found()
                        + "; write ['...'] for a name with other characters");
            }
            return text.substring(from, at);
        }

        private static boolean isNameChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        private Step bracket() throws Wrong {
            int opening = at;
            at++;
            Step step;
            if (peek('\'') || peek('"')) {
                step = new Field(quoted());
            } else if (peek('-') || (!atEnd() && Character.isDigit(text.charAt(at)))) {
                step = new Index(index());
            } else if (peek('*') || peek('?')) {
                throw wrong((peek('*') ? "wildcards (*)" : "filters ([?...])")
                        + " are not supported; a selector names one value");
            } else {
                throw wrong("expected a quoted name like ['name'] or an index like [0] after '[', found " + found());
            }
            if (!peek(']')) {
                throw atEnd()
                        ? new Wrong(opening, "missing closing ']' for the '[' here")
                        : wrong("expected ']', found " + found());
            }
            at++;
            return step;
        }

        private String quoted() throws Wrong {
            int opening = at;
            char quote = text.charAt(at++);
            StringBuilder name = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == quote) {
                    return name.toString();
                }
                if (c == '\\' && !atEnd() && (text.charAt(at) == quote || text.charAt(at) == '\\')) {
                    c = text.charAt(at++);
                }
                name.append(c);
            }
            throw new Wrong(opening, "unterminated quote; add the closing " + quote);
        }

        private int index() throws Wrong {
            int from = at;
            if (peek('-')) {
                at++;
            }
            while (!atEnd() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            try {
                return Integer.parseInt(text.substring(from, at));
            } catch (NumberFormatException e) {
                throw new Wrong(from, "expected an index like 0 or -1, found \"" + text.substring(from, at) + "\"");
            }
        }

        boolean atEnd() {
            return at >= text.length();
        }

        private boolean peek(char c) {
            return !atEnd() && text.charAt(at) == c;
        }

        String found() {
            return atEnd() ? "the end" : "'" + text.charAt(at) + "'";
        }

        Wrong wrong(String message) {
            return new Wrong(at, message);
        }
    }
}
