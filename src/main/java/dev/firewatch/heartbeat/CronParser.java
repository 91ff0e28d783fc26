package dev.firewatch.heartbeat;

import dev.firewatch.alert.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link Cron} text. The first mistake stops it, with the offset of the character where it is, so the
 * config can point at the column: {@code firewatch.yaml:12:17: hour 24 is out of range 0-23}.
 */
final class CronParser {
    private static final Map<String, String> ALIASES = aliases();
    private static final String FIELDS = "minute hour day-of-month month day-of-week";

    /** One of the five fields: its range, and the names it takes besides numbers. */
    private record Field(String name, int min, int max, List<String> names) {
        int value(String word) {
            int index = names.indexOf(word.toLowerCase(Locale.ROOT));
            return index < 0 ? -1 : min + index;
        }
    }

    private static final List<Field> ORDER = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field(
                    "month",
                    1,
                    12,
                    List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
            // 7 is Sunday too, as in every cron; the names stop at sat.
            new Field("day of week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")));

    /** A mistake at an offset; thrown inside the parser only, and turned into {@link Parsed.Failed}. */
    private static final class Mistake extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        Mistake(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private CronParser() {}

    static Parsed<Cron> parse(String text) {
        try {
            return new Parsed.Ok<>(read(text));
        } catch (Mistake mistake) {
            return new Parsed.Failed<>(mistake.offset, mistake.getMessage());
        }
    }

    private static Cron read(String text) throws Mistake {
        List<int[]> words = words(text); // {start, end}
        if (words.isEmpty()) {
            throw new Mistake(0, "expected a cron expression like \"0 2 * * *\" (" + FIELDS + ") or @daily");
        }
        int first = words.getFirst()[0];
        if (text.charAt(first) == '@') {
            return alias(text, words);
        }
        if (words.size() != 5) {
            int at = words.size() > 5 ? words.get(5)[0] : text.length();
            String extra = words.size() > 5 ? "; there is no field for seconds or years" : "";
            throw new Mistake(
                    at, "expected 5 fields (" + FIELDS + "), found " + words.size() + extra + ", like \"0 2 * * *\"");
        }
        long[] sets = new long[5];
        for (int i = 0; i < 5; i++) {
            sets[i] = field(text, words.get(i)[0], words.get(i)[1], ORDER.get(i));
        }
        // Sunday is 0 and 7: fold 7 onto 0.
        long weekdays = (sets[4] & 0x7F) | ((sets[4] >>> 7) & 1);
        return new Cron(
                text.strip(),
                sets[0],
                sets[1],
                sets[2],
                sets[3],
                weekdays,
                text.charAt(words.get(2)[0]) == '*',
                text.charAt(words.get(4)[0]) == '*');
    }

    private static Cron alias(String text, List<int[]> words) throws Mistake {
        int start = words.getFirst()[0];
        String word = text.substring(start, words.getFirst()[1]).toLowerCase(Locale.ROOT);
        if (words.size() > 1) {
            throw new Mistake(words.get(1)[0], "expected nothing after " + word);
        }
        if (word.equals("@reboot")) {
            throw new Mistake(start, "@reboot is not a time a ping can be expected at; use a period instead");
        }
        String expansion = ALIASES.get(word);
        if (expansion == null) {
            throw new Mistake(start, "unknown alias " + word + "; expected " + String.join(", ", ALIASES.keySet()));
        }
        Cron expanded = read(expansion);
        return new Cron(
                word,
                expanded.minutes(),
                expanded.hours(),
                expanded.days(),
                expanded.months(),
                expanded.weekdays(),
                expanded.anyDay(),
                expanded.anyWeekday());
    }

    /** A field: a comma-separated list of {@code *}, values and ranges, each with an optional step. */
    private static long field(String text, int start, int end, Field field) throws Mistake {
        long set = 0;
        int itemStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text.charAt(i) == ',') {
                if (i == itemStart) {
                    throw new Mistake(i, "empty item in the " + field.name() + " list; remove the extra comma");
                }
                set |= item(text, itemStart, i, field);
                itemStart = i + 1;
            }
        }
        return set;
    }

    private static long item(String text, int start, int end, Field field) throws Mistake {
        int slash = text.indexOf('/', start);
        int rangeEnd = slash >= 0 && slash < end ? slash : end;
        int step = 1;
        if (rangeEnd < end) {
            step = number(text, rangeEnd + 1, end, field, "step");
            if (step < 1 || step > field.max()) {
                throw new Mistake(
                        rangeEnd + 1,
                        "step " + step + " in the " + field.name() + " field must be 1 to " + field.max());
            }
        }
        int low;
        int high;
        if (text.charAt(start) == '*') {
            if (rangeEnd != start + 1) {
                throw new Mistake(start + 1, "expected \"/\" or \",\" after * in the " + field.name() + " field");
            }
            low = field.min();
            high = field.name().equals("day of week") ? 6 : field.max();
        } else {
            int dash = text.indexOf('-', start);
            if (dash >= 0 && dash < rangeEnd) {
                low = value(text, start, dash, field);
                high = value(text, dash + 1, rangeEnd, field);
                if (high < low) {
                    throw new Mistake(
                            start,
                            "the range " + text.substring(start, rangeEnd) + " in the " + field.name()
                                    + " field goes backwards; write the smaller value first");
                }
            } else {
                low = value(text, start, rangeEnd, field);
                // "5/15" is Vixie's shorthand for 5-59/15.
                high = rangeEnd < end ? field.max() : low;
            }
        }
        long set = 0;
        for (int v = low; v <= high; v += step) {
            set |= 1L << v;
        }
        return set;
    }

    private static int value(String text, int start, int end, Field field) throws Mistake {
        if (start == end) {
            throw new Mistake(start, "expected the " + field.name() + " here:" + range(field));
        }
        String word = text.substring(start, end);
        int named = field.value(word);
        if (named >= 0) {
            return named;
        }
        if (!Character.isDigit(word.charAt(0))) {
            throw new Mistake(start, "unknown " + field.name() + " \"" + word + "\"; expected" + range(field));
        }
        int number = number(text, start, end, field, null);
        if (number < field.min() || number > field.max()) {
            throw new Mistake(
                    start, field.name() + " " + number + " is out of range " + field.min() + "-" + field.max());
        }
        return number;
    }

    private static int number(String text, int start, int end, Field field, String what) throws Mistake {
        String word = text.substring(start, end);
        if (word.isEmpty() || word.length() > 4 || !word.chars().allMatch(Character::isDigit)) {
            int at = start;
            while (at < end && Character.isDigit(text.charAt(at))) {
                at++;
            }
            throw new Mistake(
                    Math.min(at, Math.max(start, end - 1)),
                    "expected a whole number" + (what == null ? "" : " for the " + what) + " in the " + field.name()
                            + " field, found \"" + word + "\"");
        }
        return Integer.parseInt(word);
    }

    private static String range(Field field) {
        String numbers = " " + field.min() + "-" + field.max();
        return field.names().isEmpty() ? numbers : numbers + " or a name: " + String.join(", ", field.names());
    }

    /** The offsets of each run of text between spaces or tabs. */
    private static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean blank = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (blank && start >= 0) {
                words.add(new int[] {start, i});
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("@hourly", "0 * * * *");
        aliases.put("@daily", "0 0 * * *");
        aliases.put("@midnight", "0 0 * * *");
        aliases.put("@weekly", "0 0 * * 0");
        aliases.put("@monthly", "0 0 1 * *");
        aliases.put("@yearly", "0 0 1 1 *");
        aliases.put("@annually", "0 0 1 1 *");
        return java.util.Collections.unmodifiableMap(aliases);
    }
}
