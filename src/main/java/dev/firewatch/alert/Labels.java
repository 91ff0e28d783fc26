package dev.firewatch.alert;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Alert labels as Prometheus sees them: a label that is absent and a label that is empty are the same. */
public final class Labels {
    private Labels() {}

    /** The label's value, or the empty string when the alert does not have it. */
    public static String value(Map<String, String> labels, String name) {
        String value = labels.get(name);
        return value == null ? "" : value;
    }

    /**
     * Labels written as {@code k=v,k2="v, with comma"}, as {@code firewatch route test --labels} takes them:
     * the matcher syntax with only {@code =}. Sorted by name.
     */
    public static Parsed<Map<String, String>> parse(String text) {
        return switch (new MatcherParser(text, true).matchers()) {
            case Parsed.Failed<Matchers> failed -> new Parsed.Failed<>(failed.offset(), failed.message());
            case Parsed.Ok<Matchers> ok -> {
                Map<String, String> labels = new TreeMap<>();
                for (Matcher matcher : ok.value().list()) {
                    if (labels.put(matcher.name(), matcher.value()) != null) {
                        yield new Parsed.Failed<>(0, "the label " + matcher.name() + " is given twice");
                    }
                }
                yield new Parsed.Ok<>(Collections.unmodifiableMap(labels));
            }
        };
    }
}
