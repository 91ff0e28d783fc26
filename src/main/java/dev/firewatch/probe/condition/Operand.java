package dev.firewatch.probe.condition;

import java.util.List;
import java.util.Optional;

/**
 * The left side of a condition: a placeholder, with a header name ({@code [HEADER].content-type}) or a path into
 * the JSON body ({@code [BODY].checks[0].ok}).
 *
 * @param header in lower case, since header names are compared without case
 * @param text as written, for the verdict
 */
record Operand(Placeholder placeholder, Optional<String> header, List<Step> path, String text) {
    Operand {
        path = List.copyOf(path);
    }

    /** The value is a field of the body or the query's first column: anything JSON can be. */
    Placeholder.Type type() {
        return placeholder == Placeholder.BODY && !path.isEmpty() ? Placeholder.Type.JSON : placeholder.type();
    }
}
