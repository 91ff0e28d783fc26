package dev.firewatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Options that several commands share ({@code --state}, {@code --limit}, times, lengths), checked as the API checks them. */
final class Filter {
    /** An option that does not fit; the message says what does. Exit code 2. */
    static final class BadOption extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadOption(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

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

    /** An RFC 3339 time given to {@code option}, in UTC ({@code Z}) or with an offset. */
    static Instant time(String option, String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadOption(option + " must be an RFC 3339 time like 2026-11-23T06:00:00Z");
        }
    }

    /** A length of time given to {@code option}: a number and a unit, 30m, 2h or 1d. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new BadOption(option + " takes a number and a unit: 30m, 2h, 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadOption("--limit must be from 1 to 1000");
        }
        return limit;
    }
}
