package dev.firewatch.paging;

import dev.firewatch.escalation.Urgency;
import dev.firewatch.notify.ChannelSpec;
import java.util.List;
import java.util.Optional;

/**
 * A person as paging sees them, from their entry under {@code users:}: how to reach them, and in which order
 * and after how long for each urgency.
 *
 * @param contactMethods in the order of fallback: when one keeps failing, the next one is tried; a user with an
 *     email address and no methods has one, {@code email}
 * @param high the rules for high-urgency pages; every method at once when the entry has none
 * @param low the rules for low-urgency pages; the same as {@code high} when the entry has none
 */
public record PersonSpec(
        String name, List<ChannelSpec> contactMethods, List<NotificationRule> high, List<NotificationRule> low) {
    public PersonSpec {
        contactMethods = List.copyOf(contactMethods);
        high = List.copyOf(high);
        low = List.copyOf(low);
    }

    public List<NotificationRule> rules(Urgency.Level level) {
        return level == Urgency.Level.HIGH ? high : low;
    }

    public Optional<ChannelSpec> method(String method) {
        return contactMethods.stream().filter(m -> m.name().equals(method)).findFirst();
    }

    /** The method to try when {@code failed} keeps failing: the next one in the list that is switched on. */
    public Optional<ChannelSpec> fallbackAfter(String failed) {
        boolean passed = false;
        for (ChannelSpec candidate : contactMethods) {
            if (passed && candidate.enabled()) {
                return Optional.of(candidate);
            }
            passed |= candidate.name().equals(failed);
        }
        return Optional.empty();
    }
}
