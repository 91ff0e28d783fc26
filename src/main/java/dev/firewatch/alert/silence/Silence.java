package dev.firewatch.alert.silence;

import dev.firewatch.alert.Matcher;
import dev.firewatch.alert.Matchers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Someone said "don't page for alerts like these until then". A silenced alert is still stored and shown; it
 * opens no incident and pages nobody. Active from {@code startsAt} (inclusive) to {@code endsAt} (exclusive).
 */
public record Silence(
        String id, Matchers matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    /** Only what must always hold; {@link #problems} checks a new silence in full. */
    public Silence {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException(
                    "a silence cannot end (" + endsAt + ") before it starts (" + startsAt + ")");
        }
    }

    /**
     * Everything wrong with a silence someone asks for, all at once, for the API and the CLI to answer with.
     * As in Alertmanager, at least one matcher must need a value, so a silence cannot mute every alert.
     */
    public static List<String> problems(Matchers matchers, Instant startsAt, Instant endsAt) {
        List<String> problems = new ArrayList<>();
        if (matchers.isEmpty()) {
            problems.add("a silence needs at least one matcher, like alertname=\"DiskFull\"");
        } else if (matchers.list().stream().allMatch(Matcher::matchesEmpty)) {
            problems.add("every matcher of " + matchers + " also matches alerts without that label, so the"
                    + " silence would mute nearly everything; add one that needs a value, like alertname=\"DiskFull\"");
        }
        if (!endsAt.isAfter(startsAt)) {
            problems.add("a silence must end after it starts; it starts at " + startsAt + " and ends at " + endsAt);
        }
        return List.copyOf(problems);
    }

    public SilenceState stateAt(Instant now) {
        if (now.isBefore(startsAt)) {
            return SilenceState.PENDING;
        }
        return now.isBefore(endsAt) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return stateAt(now) == SilenceState.ACTIVE && matchers.matches(labels);
    }

    /**
     * The same silence ended at {@code now}, as Alertmanager expires one: an active silence ends now; a pending
     * one starts and ends now, so it never mutes anything.
     */
    public Silence expiredAt(Instant now) {
        return switch (stateAt(now)) {
            case EXPIRED -> this;
            case ACTIVE -> new Silence(id, matchers, startsAt, now, createdBy, comment);
            case PENDING -> new Silence(id, matchers, now, now, createdBy, comment);
        };
    }
}
