package dev.firewatch.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: a number of bytes ({@code 1048576}) or a number and a unit. KiB, MiB and GiB
 * are powers of 1024; KB, MB and GB powers of 1000, as the units say.
 */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L,
            "KiB", 1L << 10,
            "MiB", 1L << 20,
            "GiB", 1L << 30,
            "KB", 1_000L,
            "MB", 1_000_000L,
            "GB", 1_000_000_000L);

    private Sizes() {}

    /** The size in bytes, or empty when the text is not a size or does not fit in a long. */
    static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(m.group(1));
            return Optional.of(Math.multiplyExact(number, UNITS.get(m.group(2) == null ? "B" : m.group(2))));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }
}
