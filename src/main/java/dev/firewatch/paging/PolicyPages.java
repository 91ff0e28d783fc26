package dev.firewatch.paging;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.escalation.Hours;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.UrgencyRule;
import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.web.Frame;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /escalation}: each escalation policy as it runs now: its services (each a link to its dry run), its steps
 * with who each schedule has on call now, its repeats and urgency rules, and its dead ends, both those that hold
 * at every instant and those a page opened now would meet.
 */
public final class PolicyPages implements RouteSet {
    /** @param dryRun the dry run of the service's most severe incident, opened now */
    public record ServiceLink(String name, String dryRun) {}

    /** @param detail who is on call now, or why a channel sends nowhere; {@code dead} when it reaches nobody */
    public record TargetRow(String label, String detail, boolean dead) {}

    public record StepRow(int number, String offset, String waitAfter, List<TargetRow> targets) {}

    public record Card(
            String name,
            String description,
            String origin,
            List<ServiceLink> services,
            List<StepRow> steps,
            String repeats,
            List<String> urgency,
            List<DeadEnd> always,
            List<DeadEnd> now) {}

    public record Page(Frame frame, String now, List<Card> policies) {}

    private final Supplier<DryRunConfig> config;
    private final BiFunction<String, Instant, Optional<OnCallSchedule>> schedules;
    private final Pages pages;
    private final Clock clock;

    public PolicyPages(
            Supplier<DryRunConfig> config,
            BiFunction<String, Instant, Optional<OnCallSchedule>> schedules,
            Pages pages,
            Clock clock) {
        this.config = config;
        this.schedules = schedules;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/escalation", this::page, Access.VIEWER);
    }

    private void page(Context ctx) {
        DryRunConfig now = config.get();
        Instant at = clock.instant();
        var deadEnds = new DeadEnds(now);
        pages.render(
                ctx,
                "paging/policies.jte",
                new Page(
                        new Frame(
                                "Escalation",
                                Frame.Section.ESCALATION,
                                Caller.of(ctx).viewer()),
                        DryRunTimes.full(at, java.time.ZoneId.of("UTC")),
                        now.policies().stream()
                                .map(policy -> card(now, deadEnds, policy, at))
                                .toList()));
    }

    private Card card(DryRunConfig now, DeadEnds deadEnds, EscalationPolicySpec policy, Instant at) {
        String severity = now.severities().getFirst();
        List<ServiceLink> services = policy.services().stream()
                .map(s -> new ServiceLink(s, "/paging/dry-run?service=" + s + "&severity=" + severity))
                .toList();
        List<StepRow> steps = new ArrayList<>();
        Duration offset = Duration.ZERO;
        for (int i = 0; i < policy.steps().size(); i++) {
            StepSpec step = policy.steps().get(i);
            steps.add(new StepRow(
                    i + 1,
                    DryRunTimes.offset(offset),
                    DryRunTimes.length(step.waitAfter()),
                    step.targets().stream().map(t -> target(now, t, at)).toList()));
            offset = offset.plus(step.waitAfter());
        }
        List<DeadEnd> always = deadEnds.of(policy);
        return new Card(
                policy.name(),
                policy.description(),
                policy.origin(),
                services,
                steps,
                policy.repeat() == 0
                        ? "Runs once: after the last step's wait, nothing more pages."
                        : "Then again every " + DryRunTimes.length(policy.round()) + ", " + policy.repeat() + " more "
                                + (policy.repeat() == 1 ? "time" : "times") + ", unless someone answers.",
                urgency(policy),
                always,
                pagedNow(now, deadEnds, policy, at, always));
    }

    private TargetRow target(DryRunConfig now, Target target, Instant at) {
        return switch (target) {
            case Target.User user -> new TargetRow("user " + user.name(), "", false);
            case Target.Channel channel -> {
                Optional<String> off = now.channel(channel.name()).flatMap(now::whyUnusable);
                yield new TargetRow("channel " + channel.name(), off.orElse(""), off.isPresent());
            }
            case Target.Schedule schedule -> {
                var shift = schedules.apply(schedule.name(), at).flatMap(s -> s.whoIsOnCall(at));
                yield shift.map(s -> new TargetRow(
                                "schedule " + schedule.name(),
                                "on call now: " + s.user() + ", until "
                                        + DryRunTimes.when(
                                                s.end(),
                                                now.schedule(schedule.name())
                                                        .orElseThrow()
                                                        .zone()),
                                false))
                        .orElse(new TargetRow("schedule " + schedule.name(), "nobody on call now", true));
            }
        };
    }

    /**
     * What a page opened now would meet beyond the dead ends that always hold: gaps in schedules, the person on
     * call now who cannot be reached. Walked at the most urgent level the policy pages at.
     */
    private List<DeadEnd> pagedNow(
            DryRunConfig now, DeadEnds deadEnds, EscalationPolicySpec policy, Instant at, List<DeadEnd> always) {
        var levels = deadEnds.levels(policy);
        if (levels.isEmpty() || policy.services().isEmpty()) {
            return List.of();
        }
        Set<String> said = new HashSet<>();
        always.forEach(d -> said.add(d.kind() + "|" + d.step() + "|" + d.subject()));
        return new DryRun(now, schedules)
                .walk(policy, levels.iterator().next(), at).deadEnds().stream()
                        .filter(d -> !said.contains(d.kind() + "|" + d.step() + "|" + d.subject()))
                        .toList();
    }

    /** Each rule as a line, and what a severity no rule matches gets: a page. */
    private static List<String> urgency(EscalationPolicySpec policy) {
        List<String> lines = new ArrayList<>();
        for (UrgencyRule rule : policy.urgency()) {
            String severities = rule.severities().stream().sorted().collect(Collectors.joining(", "));
            String when = rule.during().map(h -> " during " + hours(h)).orElse("");
            lines.add(severities + when + ": " + DryRunView.urgency(rule.urgency())
                    + (rule.urgency() instanceof dev.firewatch.escalation.Urgency.Post post
                            ? " to " + post.channel()
                            : ""));
        }
        lines.add((lines.isEmpty() ? "every severity" : "anything else") + ": page");
        return lines;
    }

    /** {@code Mon, Tue, Wed, Thu, Fri 09:00-18:00 Europe/Berlin}, or {@code every day ...}. */
    private static String hours(Hours hours) {
        String days = hours.days().size() == 7
                ? "every day"
                : hours.days().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .collect(Collectors.joining(", "));
        String zone = hours.zone().normalized().equals(java.time.ZoneOffset.UTC)
                ? "UTC"
                : hours.zone().getId();
        return days + " " + hours.from() + "-" + hours.to() + " " + zone;
    }
}
