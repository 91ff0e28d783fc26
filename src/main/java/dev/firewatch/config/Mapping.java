package dev.firewatch.config;

import dev.firewatch.spelling.DidYouMean;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A mapping from the file, read key by key. Typed getters return empty when the key is absent or its value
 * is wrong; in the second case they have already recorded a located problem, so a caller only decides what
 * to do with a value that is there and right.
 */
final class Mapping {
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Mark at;
    private final String path;
    private final Reading reading;

    /**
     * @param path where this mapping sits, for messages: {@code server}, {@code users[0]}; empty at the top
     */
    Mapping(List<NodeTuple> tuples, Mark at, String path, Reading reading) {
        this.at = at;
        this.path = path;
        this.reading = reading;
        for (NodeTuple tuple : tuples) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                error(
                        tuple.getKeyNode().getStartMark(),
                        "expected a key name " + where() + ", found " + Reading.shape(tuple.getKeyNode()));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                error(
                        key.getStartMark(),
                        "duplicate key \"" + key.getValue() + "\" " + where() + "; the first is on line "
                                + (first.getKeyNode().getStartMark().getLine() + 1));
            }
        }
    }

    Mark at() {
        return at;
    }

    String path() {
        return path;
    }

    /** The path of a key in this mapping: {@code server.port}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Reading reading() {
        return reading;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** Reports every key not in {@code known}, suggesting the closest known one. */
    void allowOnly(Collection<String> known) {
        for (var entry : entries.entrySet()) {
            String key = entry.getKey();
            if (known.contains(key)) {
                continue;
            }
            String noun = path.isEmpty() ? "section" : "key";
            String help = DidYouMean.closest(key, known)
                    .map(candidate -> "; did you mean \"" + candidate + "\"?")
                    .orElse(known.isEmpty() ? "" : "; known " + noun + "s: " + String.join(", ", known));
            error(
                    entry.getValue().getKeyNode().getStartMark(),
                    "unknown " + noun + " \"" + key + "\"" + inside() + help);
        }
    }

    /** Where {@code key} itself is written, for a mistake in the key rather than its value. */
    Optional<Mark> keyAt(String key) {
        return Optional.ofNullable(entries.get(key))
                .map(tuple -> tuple.getKeyNode().getStartMark());
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Optional<Scalar> scalar(String key) {
        return scalar(key, "a single value");
    }

    Optional<Scalar> scalar(String key, String expected) {
        return node(key).flatMap(node -> reading.scalar(node, path(key), expected));
    }

    /** A scalar that must not be empty; empty is reported as what was expected. */
    Optional<Scalar> text(String key, String expected) {
        return scalar(key, expected).filter(value -> {
            if (value.value().isBlank()) {
                error(value.at(), path(key) + ": expected " + expected + ", found " + value.shown());
                return false;
            }
            return true;
        });
    }

    Optional<Integer> wholeNumber(String key, int min, int max) {
        String expected = "a whole number from " + min + " to " + max;
        return scalar(key, expected).flatMap(value -> {
            try {
                int number = Integer.parseInt(value.value().strip());
                if (number >= min && number <= max) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException notANumber) {
                // reported below, with what was expected
            }
            error(value.at(), path(key) + ": expected " + expected + ", found " + value.shown());
            return Optional.empty();
        });
    }

    /** {@code true} or {@code false}, nothing else: "yes" and "on" are YAML 1.1 surprises. */
    Optional<Boolean> bool(String key) {
        String expected = "true or false";
        return scalar(key, expected).flatMap(value -> switch (value.value().strip()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                error(value.at(), path(key) + ": expected " + expected + ", found " + value.shown());
                yield Optional.empty();
            }
        });
    }

    /** A size in bytes ({@code 1048576}) or with a unit ({@code 1MiB}); see {@link Sizes}. */
    Optional<Long> size(String key, long minBytes, String minimum) {
        String expected = "a size of at least " + minimum + ", like 512KiB, 1MiB, 10MB or a number of bytes";
        return scalar(key, expected).flatMap(value -> {
            var bytes = Sizes.parse(value.value()).filter(b -> b >= minBytes);
            if (bytes.isEmpty()) {
                error(value.at(), path(key) + ": expected " + expected + ", found " + value.shown());
            }
            return bytes;
        });
    }

    /** A duration like {@code 30s} or {@code 12h}; see {@link Durations}. */
    Optional<Duration> duration(String key) {
        String expected = "a duration like 500ms, 30s, 5m, 12h or 7d";
        return scalar(key, expected).flatMap(value -> {
            var duration = Durations.parse(value.value());
            if (duration.isEmpty()) {
                error(value.at(), path(key) + ": expected " + expected + ", found " + value.shown());
            }
            return duration;
        });
    }

    Optional<Mapping> mapping(String key, String expected) {
        return node(key).flatMap(node -> reading.mapping(node, path(key), expected));
    }

    Optional<List<Node>> list(String key, String expected) {
        return node(key).flatMap(node -> reading.list(node, path(key), expected));
    }

    /** A list of single values, like {@code users: [alice, bob]}; empty after reporting every wrong item. */
    Optional<List<Scalar>> scalars(String key, String expected, String itemExpected) {
        return list(key, expected).flatMap(items -> {
            List<Scalar> values = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                reading.scalar(items.get(i), path(key) + "[" + i + "]", itemExpected)
                        .ifPresent(values::add);
            }
            return values.size() == items.size() ? Optional.of(List.copyOf(values)) : Optional.empty();
        });
    }

    void error(Mark mark, String message) {
        reading.problems().error(mark, message);
    }

    void warning(Mark mark, String message) {
        reading.problems().warning(mark, message);
    }

    private String where() {
        return path.isEmpty() ? "at the top of the file" : "in " + path;
    }

    private String inside() {
        return path.isEmpty() ? "" : " in " + path;
    }
}
