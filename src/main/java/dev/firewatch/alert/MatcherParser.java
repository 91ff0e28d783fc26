package dev.firewatch.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alertmanager's matcher syntax by hand, one character at a time, so every error names the column where
 * the text goes wrong. The grammar:
 *
 * <pre>
 * text     = [ "{" list "}" | list ]
 * list     = [ matcher { "," matcher } [ "," ] ]
 * matcher  = name op value
 * name     = word | quoted
 * op       = "=" | "!=" | "=~" | "!~"
 * value    = word | quoted | nothing
 * </pre>
 *
 * A word is a run of characters other than white space and {@code { } , " = ! ~}.
 */
final class MatcherParser {
    private static final String SPECIAL = "{},\"=!~";

    private final String text;
    private final boolean equalOnly;
    private int at;

    /** @param equalOnly accept only {@code =}: for labels written as {@code k=v} */
    MatcherParser(String text, boolean equalOnly) {
        this.text = text;
        this.equalOnly = equalOnly;
    }

    static boolean isBareWord(String name) {
        return !name.isEmpty() && name.chars().allMatch(MatcherParser::isWordChar);
    }

    private static boolean isWordChar(int c) {
        return !Character.isWhitespace(c) && SPECIAL.indexOf(c) < 0;
    }

    /** Thrown only inside this class, to unwind to {@link #matchers()} with the first error. */
    private static final class Wrong extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        Wrong(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    Parsed<Matchers> matchers() {
        try {
            return new Parsed.Ok<>(new Matchers(list()));
        } catch (Wrong wrong) {
            return new Parsed.Failed<>(wrong.offset, wrong.getMessage());
        }
    }

    private List<Matcher> list() throws Wrong {
        skipSpace();
        boolean braced = peek('{');
        int opening = at;
        if (braced) {
            at++;
        }
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            skipSpace();
            if (atEnd() || peek('}')) {
                break;
            }
            matchers.add(matcher());
            skipSpace();
            if (peek(',')) {
                at++;
            } else if (!atEnd() && !peek('}')) {
                throw new Wrong(at, "expected ',' between matchers, found " + found());
            }
        }
        if (braced && atEnd()) {
            throw new Wrong(opening, "missing closing '}' for the '{' here");
        }
        if (!braced && peek('}')) {
            throw new Wrong(at, "unexpected '}' without an opening '{'");
        }
        if (braced) {
            at++;
            skipSpace();
            if (!atEnd()) {
                throw new Wrong(at, "unexpected " + found() + " after the closing '}'");
            }
        }
        return matchers;
    }

    private Matcher matcher() throws Wrong {
        int start = at;
        String name = peek('"') ? quoted() : word();
        if (name.isEmpty()) {
            throw new Wrong(start, "expected a label name, found " + found());
        }
        skipSpace();
        int opAt = at;
        Matcher.Op op = op(name);
        if (equalOnly && op != Matcher.Op.EQUAL) {
            throw new Wrong(opAt, "expected name=value, found the operator " + op.text());
        }
        skipSpace();
        int valueAt = at;
        String value = peek('"') ? quoted() : word();
        if (!atEnd() && "=!~".indexOf(text.charAt(at)) >= 0) {
            throw new Wrong(
                    at,
                    "unexpected '" + text.charAt(at) + "' in the value of " + name
                            + "; put a value that contains it in double quotes");
        }
        return switch (Matcher.of(name, op, value)) {
            case Parsed.Ok<Matcher> ok -> ok.value();
            case Parsed.Failed<Matcher> failed -> throw new Wrong(valueAt, failed.message());
        };
    }

    private Matcher.Op op(String name) throws Wrong {
        for (var op : List.of(Matcher.Op.NOT_EQUAL, Matcher.Op.REGEX, Matcher.Op.NOT_REGEX, Matcher.Op.EQUAL)) {
            if (text.startsWith(op.text(), at)) {
                at += op.text().length();
                return op;
            }
        }
        throw new Wrong(
                at, "expected an operator (=, !=, =~ or !~) after the label name " + name + ", found " + found());
    }

    private String word() {
        int start = at;
        while (!atEnd() && isWordChar(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    private String quoted() throws Wrong {
        int opening = at;
        at++;
        var value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && !atEnd()) {
                value.append(escaped(text.charAt(at++)));
            } else {
                value.append(c);
            }
        }
        throw new Wrong(opening, "unterminated quote in matcher; add the closing \"");
    }

    /** The escapes a Go string has that matter here; any other keeps its backslash, for regexes like \d. */
    private static String escaped(char c) {
        return switch (c) {
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'n' -> "\n";
            case 't' -> "\t";
            default -> "\\" + c;
        };
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(at) == c;
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private String found() {
        return atEnd() ? "the end" : "'" + text.charAt(at) + "'";
    }
}
