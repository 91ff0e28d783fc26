package dev.firewatch.alert;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on one label, with Alertmanager's semantics: a label that is absent matches as the empty
 * string, and a regex must match the whole value ({@code =~"crit"} does not match {@code critical}).
 *
 * <p>A class rather than a record because the compiled regex is part of it but not of its identity.
 */
public final class Matcher {
    /** The four operators, with the text that writes them. */
    public enum Op {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }
    }

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern regex;

    private Matcher(String name, Op op, String value, Pattern regex) {
        this.name = name;
        this.op = op;
        this.value = value;
        this.regex = regex;
    }

    /** A matcher, or why not: the only thing that can be wrong is a regex that does not compile. */
    public static Parsed<Matcher> of(String name, Op op, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (!op.isRegex()) {
            return new Parsed.Ok<>(new Matcher(name, op, value, null));
        }
        try {
            return new Parsed.Ok<>(new Matcher(name, op, value, Pattern.compile(value)));
        } catch (PatternSyntaxException e) {
            return new Parsed.Failed<>(0, "invalid regex " + quote(value) + ": " + e.getDescription());
        }
    }

    /** {@code name="value"}: never fails, for matchers built from an alert's own labels. */
    public static Matcher equal(String name, String value) {
        return new Matcher(name, Op.EQUAL, value, null);
    }

    /** One matcher in Alertmanager's text form: {@code severity=~"critical|page"} or {@code alertname=Disk}. */
    public static Parsed<Matcher> parse(String text) {
        return switch (Matchers.parse(text)) {
            case Parsed.Failed<Matchers> failed -> new Parsed.Failed<>(failed.offset(), failed.message());
            case Parsed.Ok<Matchers> ok
            when ok.value().list().size() == 1 ->
                new Parsed.Ok<>(ok.value().list().getFirst());
            case Parsed.Ok<Matchers> ok ->
                new Parsed.Failed<>(
                        0,
                        "expected one matcher like severity=\"critical\", found "
                                + ok.value().list().size());
        };
    }

    public boolean matches(Map<String, String> labels) {
        return matchesValue(Labels.value(labels, name));
    }

    /** True when an alert without this label would match: such a matcher alone would match nearly anything. */
    public boolean matchesEmpty() {
        return matchesValue("");
    }

    private boolean matchesValue(String actual) {
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regex.matcher(actual).matches();
            case NOT_REGEX -> !regex.matcher(actual).matches();
        };
    }

    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    public String value() {
        return value;
    }

    public Optional<Pattern> regex() {
        return Optional.ofNullable(regex);
    }

    /** The canonical text form, which {@link #parse} reads back: {@code severity=~"critical|page"}. */
    @Override
    public String toString() {
        String shownName = MatcherParser.isBareWord(name) ? name : quote(name);
        return shownName + op.text() + quote(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matcher that && name.equals(that.name) && op == that.op && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
