package dev.firewatch.paging;

import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.notify.ChannelSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What paging looks up in the running config and the on-call schedules, wired in app. */
public interface Directory {
    Optional<EscalationPolicySpec> policyFor(String service);

    Optional<PersonSpec> person(String name);

    /** The channels of the service's {@code channels:}: they hear every change of its incidents. */
    List<String> subscribers(String service);

    /** The channel of that name from {@code channels:}. */
    Optional<ChannelSpec> channel(String name);

    /**
     * Why notifications through {@code destination} cannot go out at all ("switched off: FIREWATCH_X is unset",
     * "email needs notify.smtp"), or empty when they can: such a destination is skipped with a line on the
     * timeline instead of filling the dead letters with notifications that never had a chance.
     */
    Optional<String> unusable(ChannelSpec destination);

    /** Who the schedule has on call at {@code at}; empty in a gap or for a schedule no longer in the config. */
    Optional<String> onCall(String schedule, Instant at);
}
