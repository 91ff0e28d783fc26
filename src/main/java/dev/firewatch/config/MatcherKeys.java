package dev.firewatch.config;

import dev.firewatch.alert.Matcher;
import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.Parsed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The matchers of a route or of one side of an inhibit rule, in any of Alertmanager's three spellings, all
 * compiled here, at load, so a bad regex is an error in the file rather than at the first alert:
 *
 * <pre>
 * matchers: ['severity=~"critical|page"', 'env="prod"']   # or one string: '{severity=~"critical|page"}'
 * match: {team: db}                                        # equality
 * match_re: {service: "api|web"}                           # regexes
 * </pre>
 *
 * The inhibit rules put a side in front: {@code source_matchers}, {@code source_match}, {@code source_match_re}.
 */
final class MatcherKeys {
    private static final String EXAMPLE = "a matcher like severity=~\"critical|page\"";

    private MatcherKeys() {}

    /** The keys for one side: {@code matchers}, {@code match}, {@code match_re} after the prefix. */
    static List<String> keys(String prefix) {
        return List.of(prefix + "matchers", prefix + "match", prefix + "match_re");
    }

    static boolean written(Mapping entry, String prefix) {
        return keys(prefix).stream().anyMatch(entry::has);
    }

    /**
     * Every matcher written under the prefix's keys, all of which must match; {@link Matchers#ANY} when none is
     * written; empty after reporting every mistake.
     */
    static Optional<Matchers> read(Mapping entry, String prefix) {
        List<Matcher> matchers = new ArrayList<>();
        boolean ok = readMatchers(entry, prefix + "matchers", matchers);
        ok &= readMap(entry, prefix + "match", Matcher.Op.EQUAL, matchers);
        ok &= readMap(entry, prefix + "match_re", Matcher.Op.REGEX, matchers);
        return ok ? Optional.of(new Matchers(matchers)) : Optional.empty();
    }

    private static boolean readMatchers(Mapping entry, String key, List<Matcher> into) {
        Optional<Node> node = entry.node(key);
        if (node.isEmpty()) {
            return true;
        }
        String path = entry.path(key);
        var reading = entry.reading();
        if (node.get() instanceof ScalarNode) {
            return parse(node.get(), path, reading, into);
        }
        var items = reading.list(node.get(), path, "a list of matchers like ['severity=~\"critical|page\"']");
        if (items.isEmpty()) {
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            ok &= parse(items.get().get(i), path + "[" + i + "]", reading, into);
        }
        return ok;
    }

    private static boolean parse(Node node, String path, Reading reading, List<Matcher> into) {
        var text = reading.scalar(node, path, EXAMPLE);
        if (text.isEmpty()) {
            return false;
        }
        Scalar value = text.get();
        if (value.value().isBlank()) {
            reading.problems().error(value.at(), path + ": expected " + EXAMPLE + ", found " + value.shown());
            return false;
        }
        return switch (Matchers.parse(value.value())) {
            case Parsed.Ok<Matchers> ok -> {
                into.addAll(ok.value().list());
                yield true;
            }
            case Parsed.Failed<Matchers> failed -> {
                // A value from the environment may be a secret, so its text is never quoted back.
                String message =
                        value.fromEnvironment() ? "expected " + EXAMPLE + ", found " + value.shown() : failed.message();
                reading.problems().error(Reading.inside(node, value, failed.offset()), path + ": " + message);
                yield false;
            }
        };
    }

    private static boolean readMap(Mapping entry, String key, Matcher.Op op, List<Matcher> into) {
        String expected = op == Matcher.Op.EQUAL
                ? "a mapping of label names to values, like {team: db}"
                : "a mapping of label names to regexes, like {service: \"api|web\"}";
        var labels = entry.mapping(key, expected);
        if (labels.isEmpty()) {
            return !entry.has(key);
        }
        boolean ok = true;
        for (String name : labels.get().keys()) {
            var node = labels.get().node(name).orElseThrow();
            var value = labels.get().scalar(name, op == Matcher.Op.EQUAL ? "a label value" : "a regex");
            if (value.isEmpty()) {
                ok = false;
                continue;
            }
            switch (Matcher.of(name, op, value.get().value())) {
                case Parsed.Ok<Matcher> matcher -> into.add(matcher.value());
                case Parsed.Failed<Matcher> failed -> {
                    String message = value.get().fromEnvironment()
                            ? "expected a regex, found " + value.get().shown()
                            : failed.message();
                    entry.error(
                            Reading.inside(node, value.get(), 0), labels.get().path(name) + ": " + message);
                    ok = false;
                }
            }
        }
        return ok;
    }
}
