package dev.firewatch.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keyset paging over {@link Ids}: rows come newest first ({@code ORDER BY id DESC}), and the next page is the
 * rows below the last id shown ({@code id < :before}). Each page then costs the same whether a table holds a
 * thousand rows or ten million; an {@code OFFSET} would read every row it skips.
 */
public final class Keyset {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Keyset() {}

    /** True when {@code text} has the shape of an id {@link Ids} makes, so it can stand as a cursor. */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /** When the row with this id was made: a UUIDv7 carries its millisecond in its first 48 bits. */
    public static Instant timeOf(String id) {
        return Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16);
    }

    /**
     * One page of rows, newest first, and the cursor of the next (older) page: null when there is none, so no
     * "older" link ever leads to an empty page.
     */
    public record Page<T>(List<T> rows, String older) {
        /** The page from a query that asked for {@code limit + 1} rows: the extra row only says there is more. */
        public static <T> Page<T> of(List<T> oneMore, int limit, Function<T, String> id) {
            if (oneMore.size() <= limit) {
                return new Page<>(oneMore, null);
            }
            List<T> rows = oneMore.subList(0, limit);
            return new Page<>(rows, id.apply(rows.getLast()));
        }

        /** The rows oldest first, for lists read top to bottom like a log. */
        public List<T> inTimeOrder() {
            return rows.reversed();
        }
    }

    /**
     * Lists that are each newest first, merged into one newest first and cut to {@code limit}. For filters that
     * one index range per value serves ({@code state IN (a, b)} as one range of {@code (state, id)} per state):
     * neither vendor merges such ranges in id order by itself, and sorting every matching row is what makes a
     * page slow on a big table.
     */
    public static <T> List<T> merge(List<List<T>> newestFirst, Function<T, String> id, int limit) {
        if (newestFirst.size() == 1) {
            List<T> only = newestFirst.getFirst();
            return only.size() <= limit ? only : only.subList(0, limit);
        }
        List<T> all = new ArrayList<>();
        newestFirst.forEach(all::addAll);
        all.sort(Comparator.comparing(id).reversed());
        return all.size() <= limit ? all : all.subList(0, limit);
    }
}
