package dev.firewatch.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code escalation_policies:}: steps run in order, then the whole policy runs again {@code repeat}
 * more times unless someone responds.
 *
 * @param services the services whose incidents this policy escalates; each service has at most one policy
 * @param urgency the first rule that applies decides; none applying means page, since a rule forgotten should
 *     never silence an incident
 * @param origin {@code firewatch.yaml:42}, for messages that point back at the entry
 */
public record EscalationPolicySpec(
        String name,
        String description,
        List<StepSpec> steps,
        int repeat,
        List<String> services,
        List<UrgencyRule> urgency,
        String origin) {
    public EscalationPolicySpec {
        steps = List.copyOf(steps);
        services = List.copyOf(services);
        urgency = List.copyOf(urgency);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one step");
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat counts extra rounds, found " + repeat);
        }
    }

    /** How long one round takes: every step's wait, so round 2 starts that long after round 1. */
    public Duration round() {
        return steps.stream().map(StepSpec::waitAfter).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * What an incident of {@code severity} opened at {@code openedAt} sets off. Decided once, at the opening: a
     * SEV2 posted to the channel at 17:55 does not start paging when business hours end at 18:00.
     */
    public Urgency urgency(String severity, Instant openedAt) {
        return urgency.stream()
                .filter(rule -> rule.applies(severity, openedAt))
                .map(UrgencyRule::urgency)
                .findFirst()
                .orElse(new Urgency.Page());
    }
}
