package dev.firewatch.paging;

import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import java.time.Instant;
import java.util.List;

/**
 * A dry run as {@code GET /api/v1/paging/dry-run} answers and {@code page dry-run --output json} prints it: plain
 * values in snake_case, times as RFC 3339, offsets as seconds after the opening and as people write them
 * ({@code +1h5m}), and null where there is nothing (a channel's person, a recipient with no problem).
 *
 * @param urgency {@code page}, {@code page_low}, {@code post} or {@code none}; null without a policy to decide it
 * @param alsoTold the channels that hear of the opening beside the steps (the service's own, a post's channel)
 */
public record DryRunView(
        String service,
        String severity,
        Instant openedAt,
        String timezone,
        PolicyView policy,
        String urgency,
        String postChannel,
        List<AttemptView> alsoTold,
        boolean reachedAtStepOne,
        List<RoundView> rounds,
        List<DeadEndView> deadEnds) {

    public record PolicyView(String name, String origin, int steps, int repeat, long roundSeconds) {}

    public record RoundView(int round, long offsetSeconds, String offset, Instant at, List<StepView> steps) {}

    public record StepView(
            int step,
            long offsetSeconds,
            String offset,
            Instant at,
            long waitSeconds,
            boolean reachesSomeone,
            List<RecipientView> recipients) {}

    /** @param target {@code user}, {@code schedule} or {@code channel} */
    public record RecipientView(
            String target, String name, String person, String why, String problem, List<AttemptView> attempts) {}

    public record AttemptView(
            String method, String type, long offsetSeconds, String offset, Instant at, String problem) {}

    public record DeadEndView(String kind, int step, String subject, String origin, String message) {}

    public static DryRunView of(DryRunWalk walk) {
        return new DryRunView(
                walk.service(),
                walk.severity(),
                walk.openedAt(),
                DryRunTimes.name(walk.zone()),
                walk.policy()
                        .map(p -> new PolicyView(
                                p.name(),
                                p.origin(),
                                p.steps(),
                                p.repeat(),
                                p.round().toSeconds()))
                        .orElse(null),
                walk.policy().isPresent() ? urgency(walk.urgency()) : null,
                walk.urgency() instanceof Urgency.Post post ? post.channel() : null,
                walk.told().stream().map(DryRunView::attempt).toList(),
                walk.reachedAtStepOne(),
                walk.rounds().stream()
                        .map(r -> new RoundView(
                                r.number(),
                                r.offset().toSeconds(),
                                DryRunTimes.offset(r.offset()),
                                r.at(),
                                r.steps().stream().map(DryRunView::step).toList()))
                        .toList(),
                walk.deadEnds().stream()
                        .map(d -> new DeadEndView(d.kind().wireName(), d.step(), d.subject(), d.origin(), d.message()))
                        .toList());
    }

    /** The urgency as the config writes its action: {@code page}, {@code page_low}, {@code post}, {@code none}. */
    public static String urgency(Urgency urgency) {
        return switch (urgency) {
            case Urgency.Page page -> page.level() == Urgency.Level.HIGH ? "page" : "page_low";
            case Urgency.Post post -> "post";
            case Urgency.Quiet quiet -> "none";
        };
    }

    private static StepView step(DryRunWalk.Step step) {
        return new StepView(
                step.number(),
                step.offset().toSeconds(),
                DryRunTimes.offset(step.offset()),
                step.at(),
                step.waitAfter().toSeconds(),
                step.reachesSomeone(),
                step.recipients().stream().map(DryRunView::recipient).toList());
    }

    private static RecipientView recipient(DryRunWalk.Recipient r) {
        return new RecipientView(
                kind(r.target()),
                r.target().name(),
                orNull(r.person()),
                orNull(r.why()),
                orNull(r.problem()),
                r.attempts().stream().map(DryRunView::attempt).toList());
    }

    private static AttemptView attempt(DryRunWalk.Attempt a) {
        return new AttemptView(
                a.method(),
                a.type(),
                a.offset().toSeconds(),
                DryRunTimes.offset(a.offset()),
                a.at(),
                orNull(a.problem()));
    }

    /** {@code user}, {@code schedule} or {@code channel}: the key the config lists the target under, singular. */
    public static String kind(Target target) {
        return switch (target) {
            case Target.User user -> "user";
            case Target.Schedule schedule -> "schedule";
            case Target.Channel channel -> "channel";
        };
    }

    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
