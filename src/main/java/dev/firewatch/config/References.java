package dev.firewatch.config;

import dev.firewatch.spelling.DidYouMean;
import java.util.Collection;

/** A name in one section that must be declared in another: {@code service: databse} under routes. */
final class References {
    private References() {}

    /**
     * Reports {@code name} when {@code declared} lacks it, with the closest declared name or the list of them.
     *
     * @param kind what the name names, for the message: {@code service}, {@code severity}
     * @param section where such names are declared: {@code services}, {@code severities}
     */
    static void require(
            Scalar name, String path, String kind, String section, Collection<String> declared, Problems problems) {
        if (declared.contains(name.value())) {
            return;
        }
        String help = name.fromEnvironment() ? "" : DidYouMean.hint(name.value(), declared);
        if (help.isEmpty()) {
            help = declared.isEmpty()
                    ? "; nothing is declared under " + section + ":"
                    : "; declared under " + section + ": "
                            + String.join(", ", declared.stream().sorted().toList());
        }
        problems.error(name.at(), path + ": unknown " + kind + " " + name.shown() + help);
    }
}
