package dev.firewatch.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Matchers that must all match, as in a silence, a route or one side of an inhibit rule. None matches all. */
public record Matchers(List<Matcher> list) {
    public static final Matchers ANY = new Matchers(List.of());

    public Matchers {
        list = List.copyOf(list);
    }

    public static Matchers of(Matcher... matchers) {
        return new Matchers(List.of(matchers));
    }

    /**
     * Alertmanager's text form: {@code {alertname="Disk", severity=~"critical|page"}}, the same without the
     * braces, or bare values ({@code alertname=Disk}). Empty text gives {@link #ANY}. Inside double quotes
     * {@code \"}, {@code \\}, {@code \n} and {@code \t} are escapes; any other backslash is kept, so
     * {@code "\d+"} is the regex it looks like.
     */
    public static Parsed<Matchers> parse(String text) {
        return new MatcherParser(text, false).matchers();
    }

    /** One matcher per label, each {@code name="value"}: the matchers for a silence made from an alert. */
    public static Matchers equalTo(Map<String, String> labels) {
        return new Matchers(labels.entrySet().stream()
                .filter(label -> !label.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey())
                .map(label -> Matcher.equal(label.getKey(), label.getValue()))
                .toList());
    }

    public boolean matches(Map<String, String> labels) {
        return firstMismatch(labels).isEmpty();
    }

    /** The first matcher the labels fail, to say why something did not match. */
    public Optional<Matcher> firstMismatch(Map<String, String> labels) {
        return list.stream().filter(matcher -> !matcher.matches(labels)).findFirst();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** {@code {alertname="Disk", severity=~"critical|page"}}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return list.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
