package dev.firewatch.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Query filters shared by list endpoints, e.g. {@code ?state=triggered,acknowledged}. */
public final class Filters {
    private Filters() {}

    /**
     * The comma-separated values of {@code name}, parsed with {@code parse}; all values when absent; a 400
     * naming the parameter and the values it accepts when one is unknown.
     */
    public static <E extends Enum<E>> Set<E> states(
            Context ctx, String name, Class<E> type, Function<String, Optional<E>> parse, Function<E, String> wire) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return EnumSet.allOf(type);
        }
        Set<E> chosen = EnumSet.noneOf(type);
        for (String part : text.split(",")) {
            E value = parse.apply(part.strip())
                    .orElseThrow(() -> HttpProblem.badRequest(
                            name + " must be a comma-separated list of "
                                    + Arrays.stream(type.getEnumConstants())
                                            .map(wire)
                                            .collect(Collectors.joining(", "))
                                    + ", not \"" + part.strip() + "\"",
                            name));
            chosen.add(value);
        }
        return chosen;
    }
}
