package dev.firewatch.probe.condition;

import dev.firewatch.alert.Parsed;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.spelling.DidYouMean;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one condition, once, when the config loads:
 *
 * <pre>
 * condition   = placeholder [ path ] operator value
 * placeholder = "[" NAME "]"                      ([STATUS], [BODY], [HEADER], [RESPONSE_TIME], ...)
 * path        = { "." name | "[" digits "]" | "[*]" }   after [BODY] only; [HEADER] takes one ".header-name"
 * operator    = "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains" | "!contains" | "matches"
 * value       = number | duration | quoted | "true" | "false" | "null" | bare word
 * duration    = digits unit { digits unit }      (unit: ms, s, m, h, d)
 * quoted      = '"' text '"' | "'" text "'"      (a backslash escapes the quote and itself)
 * bare word   = anything without spaces: application/json, 1.2.3
 * </pre>
 *
 * Spaces between the parts are optional. Everything that can be known without a check is checked here: the
 * placeholder exists and the monitor's kind fills it, the operator suits its value, the value suits the operator,
 * a regex compiles. The first mistake is reported with its offset in the text, so the config error can point at
 * its column.
 */
public final class ConditionParser {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(ms|s|m|h|d))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);
    /** Names other tools use, so a condition copied from them gets a pointer rather than a guess. */
    private static final Map<String, Placeholder> OTHER_NAMES = Map.of(
            "CERTIFICATE_EXPIRATION", Placeholder.CERT_EXPIRY,
            "STATUS_CODE", Placeholder.STATUS,
            "IP", Placeholder.ADDRESSES,
            "DNS", Placeholder.ADDRESSES,
            "HEADERS", Placeholder.HEADER);
    /** Operators from other languages, with the one meant. */
    private static final Map<String, String> OTHER_OPERATORS = Map.of(
            "=", "==",
            "===", "==",
            "<>", "!=",
            "=~", "matches",
            "~=", "matches",
            "=<", "<=",
            "=>", ">=");

    private static final String OPERATORS = "==, !=, <, <=, >, >=, contains, !contains or matches";
    private static final String EXAMPLE = "like [STATUS] == 200 or [BODY].status == \"ok\"";

    private final String text;
    private final Class<? extends ProbeSpec> kind;
    private int at;

    private ConditionParser(String text, Class<? extends ProbeSpec> kind) {
        this.text = text;
        this.kind = kind;
    }

    /**
     * @param kind the monitor's kind of check ({@code ProbeSpec.Http.class}); {@code ProbeSpec.class} when it is
     *     not known (its own settings were wrong), which allows every placeholder
     */
    public static Parsed<Condition> parse(String text, Class<? extends ProbeSpec> kind) {
        var parser = new ConditionParser(text, kind);
        try {
            return new Parsed.Ok<>(parser.condition());
        } catch (Wrong wrong) {
            return new Parsed.Failed<>(wrong.offset, wrong.getMessage());
        }
    }

    private Comparison condition() {
        skipSpaces();
        if (atEnd()) {
            throw new Wrong(at, "the condition is empty; write one " + EXAMPLE);
        }
        Operand operand = operand();
        skipSpaces();
        int operatorAt = at;
        Operator operator = operator(operand);
        skipSpaces();
        int valueAt = at;
        Literal value = value(operator);
        skipSpaces();
        if (!atEnd()) {
            throw new Wrong(
                    at,
                    "unexpected " + found() + " after the value " + value.written() + "; a condition is one"
                            + " comparison (write each in its own list item), and text with spaces goes in"
                            + " double quotes");
        }
        Optional<Pattern> pattern = check(operand, operator, operatorAt, value, valueAt);
        return new Comparison(text.strip(), operand, operator, value, pattern);
    }

    private Operand operand() {
        int start = at;
        if (peek() != '[') {
            String word = word();
            String hint = Placeholder.named(word.toUpperCase(Locale.ROOT))
                    .map(p -> "; write placeholders in brackets: " + p.written())
                    .orElse("");
            throw new Wrong(start, "expected a placeholder " + EXAMPLE + ", found " + quoted(word) + hint);
        }
        int close = text.indexOf(']', at);
        if (close < 0) {
            throw new Wrong(start, "missing ] after " + text.substring(start).strip());
        }
        String name = text.substring(at + 1, close);
        at = close + 1;
        Placeholder placeholder = Placeholder.named(name).orElseThrow(() -> unknownPlaceholder(name, start));
        if (!placeholder.filledBy(kind)) {
            String kindName = Placeholder.kindName(kind);
            throw new Wrong(
                    start,
                    placeholder.written() + " is never filled by " + article(kindName) + " " + kindName
                            + " monitor; it has " + String.join(", ", Placeholder.filledBy(kind, true)));
        }
        Optional<String> header = Optional.empty();
        List<Step> path = List.of();
        if (placeholder == Placeholder.HEADER) {
            header = Optional.of(header());
        } else if (placeholder == Placeholder.BODY) {
            path = path();
        } else if (peek() == '.' || peek() == '[') {
            throw new Wrong(
                    at,
                    placeholder.written() + " has no fields; only [BODY] (like [BODY].status) and [HEADER] (like"
                            + " [HEADER].content-type) do");
        }
        return new Operand(placeholder, header, path, text.substring(start, at));
    }

    private Wrong unknownPlaceholder(String name, int start) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (OTHER_NAMES.containsKey(upper)) {
            return new Wrong(
                    start,
                    "unknown placeholder [" + name + "]; Firewatch calls it "
                            + OTHER_NAMES.get(upper).written());
        }
        var names = Arrays.stream(Placeholder.values()).map(Enum::name).toList();
        String help = DidYouMean.closestInOrder(name, names)
                .map(closest -> "; did you mean [" + closest + "]?")
                .orElse("; known placeholders: " + String.join(", ", Placeholder.filledBy(ProbeSpec.class, true)));
        return new Wrong(start, "unknown placeholder [" + name + "]" + help);
    }

    /** {@code .content-type} after {@code [HEADER]}: a header name, compared without case. */
    private String header() {
        if (peek() != '.') {
            throw new Wrong(at, "name the header: [HEADER].content-type");
        }
        at++;
        int start = at;
        while (!atEnd() && isHeaderChar(text.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw new Wrong(at, "name the header after [HEADER].: [HEADER].content-type");
        }
        return text.substring(start, at).toLowerCase(Locale.ROOT);
    }

    private static boolean isHeaderChar(char c) {
        return Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private List<Step> path() {
        List<Step> steps = new ArrayList<>();
        while (peek() == '.' || peek() == '[') {
            if (peek() == '.') {
                at++;
                int start = at;
                while (!atEnd() && isNameChar(text.charAt(at))) {
                    at++;
                }
                if (at == start) {
                    throw new Wrong(at, "expected a field name after '.', found " + found());
                }
                steps.add(new Step.Field(text.substring(start, at)));
            } else {
                int start = at;
                int close = text.indexOf(']', at);
                if (close < 0) {
                    throw new Wrong(
                            start, "missing ] after " + text.substring(start).strip());
                }
                String inside = text.substring(at + 1, close).strip();
                if (inside.equals("*")) {
                    steps.add(new Step.Every());
                } else if (inside.matches("\\d{1,9}")) {
                    steps.add(new Step.Index(Integer.parseInt(inside)));
                } else if (inside.length() >= 2
                        && (inside.startsWith("\"") && inside.endsWith("\"")
                                || inside.startsWith("'") && inside.endsWith("'"))) {
                    steps.add(new Step.Field(inside.substring(1, inside.length() - 1)));
                } else {
                    throw new Wrong(
                            start + 1,
                            "expected [0], [*] or [\"name\"], found [" + inside + "]; a step is .name, [0] for"
                                    + " the first element, or [*] for every one");
                }
                at = close + 1;
            }
        }
        return steps;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private Operator operator(Operand operand) {
        int start = at;
        if (atEnd()) {
            throw new Wrong(at, "missing operator after " + operand.text() + "; expected " + OPERATORS);
        }
        String written;
        if ("=!<>~".indexOf(peek()) >= 0
                && !(peek() == '!' && at + 1 < text.length() && Character.isLetter(text.charAt(at + 1)))) {
            while (!atEnd() && "=!<>~".indexOf(peek()) >= 0) {
                at++;
            }
        } else {
            if (peek() == '!') {
                at++;
            }
            while (!atEnd() && (Character.isLetter(peek()) || peek() == '_')) {
                at++;
            }
        }
        written = text.substring(start, at);
        if (written.isEmpty()) {
            throw new Wrong(
                    start, "expected an operator (" + OPERATORS + ") after " + operand.text() + ", found " + found());
        }
        var operator = Operator.written(written);
        if (operator.isPresent()) {
            return operator.get();
        }
        String meant = OTHER_OPERATORS.getOrDefault(
                written, DidYouMean.closestInOrder(written, Operator.all()).orElse(null));
        throw new Wrong(
                start,
                "unknown operator " + quoted(written)
                        + (meant != null ? "; did you mean " + quoted(meant) + "?" : "; expected " + OPERATORS));
    }

    private Literal value(Operator operator) {
        int start = at;
        if (atEnd()) {
            throw new Wrong(
                    at,
                    "missing value after " + operator.written() + "; write one like 200, \"ok\", 400ms, true or"
                            + " null");
        }
        char quote = peek();
        if (quote == '"' || quote == '\'') {
            StringBuilder value = new StringBuilder();
            at++;
            while (!atEnd() && peek() != quote) {
                if (peek() == '\\'
                        && at + 1 < text.length()
                        && (text.charAt(at + 1) == quote || text.charAt(at + 1) == '\\')) {
                    at++;
                }
                value.append(text.charAt(at++));
            }
            if (atEnd()) {
                throw new Wrong(start, "unterminated quote; add the closing " + quote);
            }
            at++;
            return new Literal.Text(value.toString(), text.substring(start, at));
        }
        String word = word();
        return switch (word) {
            case "true", "false" -> new Literal.Bool(word.equals("true"), word);
            case "null" -> new Literal.Null(word);
            default -> {
                if (NUMBER.matcher(word).matches()) {
                    yield new Literal.Number(new BigDecimal(word), word);
                }
                if (DURATION.matcher(word).matches()) {
                    yield new Literal.Span(duration(word), word);
                }
                yield new Literal.Text(word, word);
            }
        };
    }

    private static Duration duration(String written) {
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(written);
        while (part.find()) {
            total = total.plus(Long.parseLong(part.group(1)), UNITS.get(part.group(2)));
        }
        return total;
    }

    /**
     * Whether the operator suits the placeholder and the value suits both; the compiled regex for
     * {@code matches}.
     */
    private static Optional<Pattern> check(
            Operand operand, Operator operator, int operatorAt, Literal value, int valueAt) {
        Placeholder.Type type = operand.type();
        String left = operand.text();
        switch (type) {
            case BOOLEAN -> {
                if (!operator.equality()) {
                    throw new Wrong(operatorAt, left + " is true or false; compare it with == or !=");
                }
                if (!(value instanceof Literal.Bool)) {
                    throw new Wrong(valueAt, left + " is true or false, found " + value.written());
                }
            }
            case DURATION -> {
                if (!operator.equality() && !operator.ordering()) {
                    throw new Wrong(
                            operatorAt,
                            left + " is a duration; compare it with ==, !=, <, <=, > or >=, like " + left
                                    + (operand.placeholder() == Placeholder.CERT_EXPIRY ? " > 14d" : " < 400ms"));
                }
                boolean millis = operand.placeholder() == Placeholder.RESPONSE_TIME;
                if (value instanceof Literal.Number && !millis) {
                    throw new Wrong(
                            valueAt, left + " is a duration; write it with a unit, like 14d, found " + value.written());
                }
                if (!(value instanceof Literal.Span) && !(value instanceof Literal.Number)) {
                    throw new Wrong(
                            valueAt,
                            left + " is a duration; write " + (millis ? "milliseconds or " : "")
                                    + "a duration like 400ms, 2s or 14d, found " + value.written());
                }
            }
            case LIST -> {
                if (!operator.containment() && operator != Operator.MATCHES) {
                    throw new Wrong(
                            operatorAt,
                            left + " is a list of addresses; use contains, !contains or matches, like " + left
                                    + " contains 10.0.0.5");
                }
            }
            case NUMBER -> {
                if (operator.containment()) {
                    throw new Wrong(
                            operatorAt,
                            left + " is a number; compare it with ==, !=, <, <=, >, >= or matches, like " + left
                                    + " == 200");
                }
                if (operator != Operator.MATCHES && !(value instanceof Literal.Number)) {
                    throw new Wrong(valueAt, left + " is a number, found " + value.written());
                }
            }
            case TEXT, JSON -> {
                if (value instanceof Literal.Span) {
                    throw new Wrong(
                            valueAt,
                            "a duration like " + value.written()
                                    + " compares only with [RESPONSE_TIME] or [CERT_EXPIRY]; put text in quotes: \""
                                    + value.written() + "\"");
                }
                if (value instanceof Literal.Null && (type == Placeholder.Type.TEXT || !operator.equality())) {
                    throw new Wrong(
                            valueAt,
                            "only a field of the body or [RESULT] can be null, compared with == or !=; " + left
                                    + " is text");
                }
            }
        }
        if (operator.ordering() && !(value instanceof Literal.Number) && !(value instanceof Literal.Span)) {
            throw new Wrong(
                    valueAt, operator.written() + " compares numbers, found " + value.noun() + " " + value.written());
        }
        if (operator == Operator.MATCHES) {
            try {
                return Optional.of(Pattern.compile(value.text()));
            } catch (PatternSyntaxException e) {
                int quote = value.written().startsWith("\"") || value.written().startsWith("'") ? 1 : 0;
                int offset = valueAt
                        + quote
                        + Math.max(0, Math.min(e.getIndex(), value.text().length()));
                throw new Wrong(offset, "invalid regex " + value.written() + ": " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    private String word() {
        int start = at;
        while (!atEnd() && !Character.isWhitespace(peek())) {
            at++;
        }
        return text.substring(start, at);
    }

    private String found() {
        if (atEnd()) {
            return "the end";
        }
        if (Character.isWhitespace(peek())) {
            return "a space";
        }
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return quoted(text.substring(at, end));
    }

    private static String quoted(String word) {
        return "'" + word + "'";
    }

    private static String article(String kindName) {
        return kindName.equals("http") ? "an" : "a";
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(at);
    }

    /** The first mistake, at its offset; thrown inside the parser only, and turned into {@link Parsed.Failed}. */
    private static final class Wrong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        Wrong(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }
}
