package dev.firewatch.spelling;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the word someone probably meant, so an error can say {@code did you mean "port"?} instead of
 * only saying what is wrong. A package of its own because both the config and the features' small languages (a
 * monitor's conditions) use it, and features may not depend on the config.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The candidate closest to {@code word}, when it is close enough to be a typo: one edit for words of up to
     * three letters, otherwise up to two edits or a third of the word's length, whichever is more. Case is
     * ignored; a swap of two neighbouring letters counts as one edit. Ties go to the alphabetically first
     * candidate so the message is the same on every run.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return closest(word, candidates, Comparator.naturalOrder());
    }

    /**
     * As {@link #closest}, but a tie goes to the candidate listed first, for a fixed list in the order a reader
     * would think of them: {@code x=} suggests {@code ==}, not {@code !=}.
     */
    public static Optional<String> closestInOrder(String word, List<String> candidates) {
        return closest(word, candidates, (candidate, best) -> 0);
    }

    private static Optional<String> closest(String word, Collection<String> candidates, Comparator<String> onTie) {
        String typed = word.toLowerCase(Locale.ROOT);
        int limit = typed.length() <= 3 ? 1 : Math.max(2, typed.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
            boolean better =
                    distance < bestDistance || (distance == bestDistance && onTie.compare(candidate, best) < 0);
            if (distance <= limit && better) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean "port"?} when a candidate is close, otherwise the empty string. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates)
                .map(candidate -> "; did you mean \"" + candidate + "\"?")
                .orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
