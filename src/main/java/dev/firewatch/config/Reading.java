package dev.firewatch.config;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One pass over one file's node tree: turns nodes into the shapes a section expects, expanding
 * {@code ${VAR}} in scalars, and records a located problem (returning empty) when a node has another shape.
 * Nothing here throws for anything the user wrote.
 */
final class Reading {
    private final Problems problems;
    private final Substitution substitution;

    Reading(Problems problems, Substitution substitution) {
        this.problems = problems;
        this.substitution = substitution;
    }

    Problems problems() {
        return problems;
    }

    Substitution substitution() {
        return substitution;
    }

    /**
     * @param expected what belongs here, for the message when something else does ("a whole number ...")
     */
    Optional<Scalar> scalar(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.error(node.getStartMark(), prefix(path) + "expected " + expected + ", found " + shape(node));
            return Optional.empty();
        }
        return switch (substitution.expand(written(scalar))) {
            case Substitution.Expanded e ->
                Optional.of(new Scalar(e.value(), scalar.getStartMark(), e.variables(), e.blankVariables()));
            case Substitution.Failed f -> {
                problems.error(scalar.getStartMark(), prefix(path) + f.message());
                yield Optional.empty();
            }
        };
    }

    /** A mapping; a key with nothing after it ({@code server:}) counts as an empty one. */
    Optional<Mapping> mapping(Node node, String path, String expected) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new Mapping(mapping.getValue(), mapping.getStartMark(), path, this));
        }
        if (isNull(node)) {
            return Optional.of(new Mapping(List.of(), node.getStartMark(), path, this));
        }
        problems.error(node.getStartMark(), prefix(path) + "expected " + expected + ", found " + shape(node));
        return Optional.empty();
    }

    /** A list; a key with nothing after it ({@code users:}) counts as an empty one. */
    Optional<List<Node>> list(Node node, String path, String expected) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(List.copyOf(sequence.getValue()));
        }
        if (isNull(node)) {
            return Optional.of(List.of());
        }
        problems.error(node.getStartMark(), prefix(path) + "expected " + expected + ", found " + shape(node));
        return Optional.empty();
    }

    /**
     * Where the character at {@code offset} of a scalar's value sits in the file, so an error inside a small
     * language (a matcher, a time) points at the column itself. Exact when the value is written on one line
     * without escapes; otherwise, and for values from the environment, the start of the value.
     */
    static Mark inside(Node node, Scalar value, int offset) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        if (value.fromEnvironment()
                || !(node instanceof ScalarNode scalar)
                || end == null
                || start.getLine() != end.getLine()) {
            return start;
        }
        int quote = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
        if (end.getColumn() - start.getColumn() != value.value().length() + 2 * quote) {
            return start;
        }
        int shift = quote + Math.max(0, Math.min(offset, value.value().length()));
        return new Mark(
                start.getName(),
                start.getIndex() + shift,
                start.getLine(),
                start.getColumn() + shift,
                start.getBuffer(),
                start.getPointer() + shift);
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    /** How a node looks, for "found ..." in messages; a scalar's text is quoted as written, never expanded. */
    static String shape(Node node) {
        return switch (node) {
            case ScalarNode scalar -> written(scalar).isEmpty() ? "nothing" : Scalar.quoted(written(scalar));
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a mapping";
            default -> "a " + node.getNodeId();
        };
    }

    /** The text as written; {@code ~}, {@code null} and nothing at all all mean "no value". */
    private static String written(ScalarNode scalar) {
        return isNull(scalar) ? "" : scalar.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
