package dev.firewatch.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code --state} and {@code --limit} options of listing commands, checked as the API checks them. */
final class Filter {
    /** An option that does not fit; the message says what does. Exit code 2. */
    static final class BadOption extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadOption(String message) {
            super(message, null, false, false);
        }
    }

    private Filter() {}

    static <E extends Enum<E>> Set<E> states(
            String text, Class<E> type, Function<String, Optional<E>> parse, Function<E, String> wire) {
        Set<E> chosen = EnumSet.noneOf(type);
        for (String part : text.split(",")) {
            chosen.add(parse.apply(part.strip())
                    .orElseThrow(() -> new BadOption("--state takes "
                            + Arrays.stream(type.getEnumConstants()).map(wire).collect(Collectors.joining(", "))
                            + "; not \"" + part.strip() + "\"")));
        }
        return chosen;
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadOption("--limit must be from 1 to 1000");
        }
        return limit;
    }
}
