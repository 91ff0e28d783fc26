package dev.firewatch.probe.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a placeholder's value is compared with the value written after it. */
enum Operator {
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    CONTAINS("contains"),
    NOT_CONTAINS("!contains"),
    MATCHES("matches");

    private final String written;

    Operator(String written) {
        this.written = written;
    }

    String written() {
        return written;
    }

    boolean ordering() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    boolean equality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    boolean containment() {
        return this == CONTAINS || this == NOT_CONTAINS;
    }

    /** Whether {@code comparison} (negative, zero, positive, as from {@code compareTo}) satisfies an ordering. */
    boolean accepts(int comparison) {
        return switch (this) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            default -> throw new IllegalStateException(written + " is not an ordering");
        };
    }

    static Optional<Operator> written(String text) {
        return Arrays.stream(values()).filter(o -> o.written.equals(text)).findFirst();
    }

    static List<String> all() {
        return Arrays.stream(values()).map(Operator::written).toList();
    }
}
