package dev.firewatch.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code name} of a user, channel or service: lowercase so it reads the same in a URL, a command line
 * and a chat message, and unique within its list.
 */
final class EntryName {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String RULE = "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";

    private EntryName() {}

    /**
     * @param example a name to show when the name is missing ({@code alice}, {@code demo})
     */
    static Optional<Scalar> read(Mapping entry, String example) {
        if (!entry.has("name")) {
            entry.error(entry.at(), entry.path() + ": name is missing; add one, like name: " + example);
            return Optional.empty();
        }
        return entry.scalar("name", "a name of " + RULE).filter(name -> {
            if (!NAME.matcher(name.value()).matches()) {
                entry.error(name.at(), entry.path("name") + ": expected a name of " + RULE + ", found " + name.shown());
                return false;
            }
            return true;
        });
    }

    /** Reports each name that is used again, at the second use, with the line of the first. */
    static void requireUnique(List<Scalar> names, String kind, Problems problems) {
        Map<String, Scalar> first = new HashMap<>();
        for (Scalar name : names) {
            Scalar earlier = first.putIfAbsent(name.value(), name);
            if (earlier != null) {
                problems.error(
                        name.at(),
                        "duplicate " + kind + " name " + name.shown() + "; the first is on line "
                                + (earlier.at().getLine() + 1));
            }
        }
    }
}
