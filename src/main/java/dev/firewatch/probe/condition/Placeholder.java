package dev.firewatch.probe.condition;

import dev.firewatch.probe.ProbeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a condition can look at, each filled by some kinds of check. A placeholder that a monitor's kind never
 * fills is an error when the config loads, not a failure at the first check.
 */
public enum Placeholder {
    STATUS(Type.NUMBER, Set.of(ProbeSpec.Http.class)),
    BODY(Type.TEXT, Set.of(ProbeSpec.Http.class)),
    HEADER(Type.TEXT, Set.of(ProbeSpec.Http.class)),
    RESPONSE_TIME(
            Type.DURATION,
            Set.of(
                    ProbeSpec.Http.class,
                    ProbeSpec.Tcp.class,
                    ProbeSpec.Tls.class,
                    ProbeSpec.Dns.class,
                    ProbeSpec.Sql.class)),
    CERT_EXPIRY(Type.DURATION, Set.of(ProbeSpec.Http.class, ProbeSpec.Tls.class)),
    CERT_MATCHES_HOST(Type.BOOLEAN, Set.of(ProbeSpec.Http.class, ProbeSpec.Tls.class)),
    CONNECTED(
            Type.BOOLEAN, Set.of(ProbeSpec.Http.class, ProbeSpec.Tcp.class, ProbeSpec.Tls.class, ProbeSpec.Sql.class)),
    RESULT(Type.JSON, Set.of(ProbeSpec.Sql.class)),
    ADDRESSES(Type.LIST, Set.of(ProbeSpec.Dns.class));

    /** What kind of value a placeholder holds, which decides the operators and values it may be compared with. */
    enum Type {
        NUMBER,
        TEXT,
        /** Any JSON value: a field of the body, the first column of a query. */
        JSON,
        DURATION,
        BOOLEAN,
        LIST
    }

    private final Type type;
    private final Set<Class<? extends ProbeSpec>> kinds;

    Placeholder(Type type, Set<Class<? extends ProbeSpec>> kinds) {
        this.type = type;
        this.kinds = kinds;
    }

    Type type() {
        return type;
    }

    /** {@code [STATUS]}. */
    public String written() {
        return "[" + name() + "]";
    }

    /** Whether a check of {@code kind} fills it; {@code ProbeSpec.class} stands for a kind not known yet. */
    boolean filledBy(Class<? extends ProbeSpec> kind) {
        return kind == ProbeSpec.class || kinds.contains(kind);
    }

    static Optional<Placeholder> named(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }

    /** The placeholders a kind fills, as written ({@code [HEADER]} as {@code [HEADER].name}), for messages. */
    static List<String> filledBy(Class<? extends ProbeSpec> kind, boolean forMessage) {
        return Arrays.stream(values())
                .filter(p -> p.filledBy(kind))
                .map(p -> forMessage && p == HEADER ? "[HEADER].name" : p.written())
                .toList();
    }

    /** {@code http}, as the config names the kind. */
    static String kindName(Class<? extends ProbeSpec> kind) {
        return kind.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
