package dev.firewatch.paging;

import dev.firewatch.escalation.Escalation;
import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.escalation.Page;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.oncall.Shift;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Pre-flight for paging: what would happen if an incident opened at an instant and nobody answered. It follows
 * the same road as a real page (service to policy, urgency at the opening, each step at its own instant, each
 * schedule's on-call person then, each person's rules for that urgency) without sending anything, and names
 * every dead end on the way. Pure: the config and the schedules (with their overrides) are given.
 */
public final class DryRun {
    private final DryRunConfig config;
    private final BiFunction<String, Instant, Optional<OnCallSchedule>> schedules;

    /**
     * @param schedules a schedule by name, with the overrides that count from the given instant on, as
     *     {@code Schedules.schedule(name, from)} gives it
     */
    public DryRun(DryRunConfig config, BiFunction<String, Instant, Optional<OnCallSchedule>> schedules) {
        this.config = config;
        this.schedules = schedules;
    }

    /**
     * Every page an incident of {@code severity} on {@code service}, opened at {@code openedAt}, would get.
     *
     * @throws IllegalArgumentException for a service or severity the config does not have
     */
    public DryRunWalk walk(String service, String severity, Instant openedAt) {
        var serviceSpec = config.service(service)
                .orElseThrow(() -> new IllegalArgumentException("no service named \"" + service + "\""));
        if (!config.severities().contains(severity)) {
            throw new IllegalArgumentException("no severity named \"" + severity + "\"");
        }
        // The service's own channels hear of every opening, whatever the policy says (Paging tells them).
        List<String> subscribers = serviceSpec.channels();
        String onlyThem = subscribers.isEmpty() ? "" : "only its channels " + String.join(", ", subscribers);
        Optional<EscalationPolicySpec> found = config.policyFor(service);
        if (found.isEmpty()) {
            return new DryRunWalk(
                    service,
                    severity,
                    openedAt,
                    ZoneId.of("UTC"),
                    Optional.empty(),
                    new Urgency.Page(),
                    told(subscribers, openedAt),
                    List.of(),
                    List.of(new DeadEnd(
                            DeadEnd.Kind.NO_POLICY,
                            0,
                            service,
                            "",
                            "service " + service + " has no escalation policy: its incidents page nobody"
                                    + (onlyThem.isEmpty() ? "" : " (" + onlyThem + " hear of them)")
                                    + "; name it under services: of a policy in escalation_policies:")));
        }
        EscalationPolicySpec policy = found.get();
        Urgency urgency = policy.urgency(severity, openedAt);
        return switch (urgency) {
            case Urgency.Page page -> walk(service, severity, policy, page, openedAt, subscribers);
            case Urgency.Quiet quiet ->
                notPaging(
                        service,
                        severity,
                        policy,
                        urgency,
                        openedAt,
                        told(subscribers, openedAt),
                        List.of(urgencyDeadEnd(
                                DeadEnd.Kind.NOTIFIES_NOBODY,
                                policy,
                                severity,
                                openedAt,
                                "is none: no one is paged, and "
                                        + (onlyThem.isEmpty()
                                                ? "no channel hears of it either"
                                                : onlyThem + " hear of" + " it"))));
            case Urgency.Post post -> {
                List<String> channels = new ArrayList<>(List.of(post.channel()));
                subscribers.stream().filter(c -> !channels.contains(c)).forEach(channels::add);
                List<DeadEnd> deadEnds = new ArrayList<>();
                deadEnds.add(urgencyDeadEnd(
                        DeadEnd.Kind.POST_ONLY,
                        policy,
                        severity,
                        openedAt,
                        "is post: channel " + post.channel() + " hears of it"
                                + (channels.size() > 1
                                        ? " (and the service's "
                                                + String.join(", ", channels.subList(1, channels.size())) + ")"
                                        : "")
                                + ", and no one is paged"));
                config.channel(post.channel())
                        .flatMap(config::whyUnusable)
                        .ifPresent(why -> deadEnds.add(new DeadEnd(
                                DeadEnd.Kind.CHANNEL_OFF,
                                0,
                                post.channel(),
                                policy.origin(),
                                "the post goes nowhere: " + why)));
                yield notPaging(service, severity, policy, urgency, openedAt, told(channels, openedAt), deadEnds);
            }
        };
    }

    /** Every page of {@code policy} at {@code level} from {@code openedAt}, whatever its urgency rules say. */
    public DryRunWalk walk(EscalationPolicySpec policy, Urgency.Level level, Instant openedAt) {
        String service = policy.services().isEmpty() ? "" : policy.services().getFirst();
        return walk(service, "", policy, new Urgency.Page(level), openedAt, List.of());
    }

    private DryRunWalk walk(
            String service,
            String severity,
            EscalationPolicySpec policy,
            Urgency.Page page,
            Instant openedAt,
            List<String> subscribers) {
        ZoneId zone = config.zoneOf(policy);
        var walker = new Walker(policy, page.level(), openedAt, zone);
        List<DryRunWalk.Round> rounds = new ArrayList<>();
        List<DryRunWalk.Step> steps = new ArrayList<>();
        // Escalation's own plan gives the instants, so the dry run can never disagree with it about timing.
        for (Page each : new Escalation(policy, openedAt, List.of()).pages()) {
            steps.add(walker.step(each));
            if (steps.size() == policy.steps().size()) {
                Instant start = steps.getFirst().at();
                rounds.add(new DryRunWalk.Round(each.round() + 1, Duration.between(openedAt, start), start, steps));
                steps.clear();
            }
        }
        // Channels that step 1 posts to anyway hear of the opening once, from the step.
        List<String> alsoTold = subscribers.stream()
                .filter(channel -> !policy.steps().getFirst().targets().contains(new Target.Channel(channel)))
                .toList();
        return new DryRunWalk(
                service,
                severity,
                openedAt,
                zone,
                Optional.of(ref(policy)),
                page,
                told(alsoTold, openedAt),
                rounds,
                walker.gathered.merged());
    }

    /** The channels told of the opening beside the steps, each as a post at the opening that sends or not. */
    private List<DryRunWalk.Attempt> told(List<String> channels, Instant openedAt) {
        return channels.stream().map(name -> post(name, openedAt, openedAt)).toList();
    }

    /** A post to a channel at {@code at}, with why it never arrives when it cannot. */
    private DryRunWalk.Attempt post(String name, Instant openedAt, Instant at) {
        Optional<ChannelSpec> channel = config.channel(name);
        return new DryRunWalk.Attempt(
                name,
                channel.map(ChannelSpec::type).orElse(""),
                Duration.between(openedAt, at),
                at,
                channel.map(c -> config.whyUnusable(c).orElse("")).orElse(name + " is not in the config"));
    }

    private DryRunWalk notPaging(
            String service,
            String severity,
            EscalationPolicySpec policy,
            Urgency urgency,
            Instant openedAt,
            List<DryRunWalk.Attempt> told,
            List<DeadEnd> deadEnds) {
        return new DryRunWalk(
                service,
                severity,
                openedAt,
                config.zoneOf(policy),
                Optional.of(ref(policy)),
                urgency,
                told,
                List.of(),
                deadEnds);
    }

    private DeadEnd urgencyDeadEnd(
            DeadEnd.Kind kind, EscalationPolicySpec policy, String severity, Instant openedAt, String what) {
        return new DeadEnd(
                kind,
                0,
                policy.name(),
                policy.origin(),
                "the urgency of a " + severity + " incident opened " + DryRunTimes.full(openedAt, config.zoneOf(policy))
                        + " " + what + " (urgency rules of policy " + policy.name() + ")");
    }

    private static DryRunWalk.PolicyRef ref(EscalationPolicySpec policy) {
        return new DryRunWalk.PolicyRef(
                policy.name(), policy.origin(), policy.steps().size(), policy.repeat(), policy.round());
    }

    /** One walk through a policy's pages: schedules asked once each, dead ends gathered as it goes. */
    private final class Walker {
        private final EscalationPolicySpec policy;
        private final Urgency.Level level;
        private final Instant openedAt;
        private final ZoneId zone;
        private final Map<String, Optional<OnCallSchedule>> asked = new HashMap<>();
        private final Gathered gathered = new Gathered();

        Walker(EscalationPolicySpec policy, Urgency.Level level, Instant openedAt, ZoneId zone) {
            this.policy = policy;
            this.level = level;
            this.openedAt = openedAt;
            this.zone = zone;
        }

        DryRunWalk.Step step(Page page) {
            StepSpec spec = policy.steps().get(page.step());
            int number = page.step() + 1;
            String where = where(page);
            List<DryRunWalk.Recipient> recipients = new ArrayList<>();
            for (Target target : spec.targets()) {
                recipients.add(
                        switch (target) {
                            case Target.User user -> person(target, user.name(), "", page, where);
                            case Target.Schedule schedule -> onCall(schedule, page, where);
                            case Target.Channel channel -> channel(channel, page, where);
                        });
            }
            var step = new DryRunWalk.Step(
                    number, Duration.between(openedAt, page.at()), page.at(), spec.waitAfter(), recipients);
            if (!step.reachesSomeone()) {
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.STEP_REACHES_NOBODY,
                                number,
                                policy.name(),
                                policy.origin(),
                                where + " reaches nobody: "
                                        + String.join(
                                                ", ",
                                                recipients.stream()
                                                        .map(Walker::shortly)
                                                        .distinct()
                                                        .toList())));
            }
            return step;
        }

        /** Why a recipient is not reached, in a few words: the dead end of its own says the rest. */
        private static String shortly(DryRunWalk.Recipient recipient) {
            return switch (recipient.target()) {
                case Target.Channel channel -> "channel " + channel.name() + " cannot send";
                case Target.Schedule schedule ->
                    recipient.person().isEmpty()
                            ? "schedule " + schedule.name() + " has nobody on call"
                            : recipient.person() + " (on call on " + schedule.name() + ") cannot be reached";
                case Target.User user -> user.name() + " cannot be reached";
            };
        }

        /** {@code step 2 (+5m, Mon 23 Nov 03:05)}, with the round when it is not the first. */
        private String where(Page page) {
            return "step " + (page.step() + 1) + (page.round() == 0 ? "" : " of round " + (page.round() + 1))
                    + " (" + DryRunTimes.offset(Duration.between(openedAt, page.at())) + ", "
                    + DryRunTimes.when(page.at(), zone) + ")";
        }

        private DryRunWalk.Recipient onCall(Target.Schedule target, Page page, String where) {
            Optional<OnCallSchedule> schedule =
                    asked.computeIfAbsent(target.name(), name -> schedules.apply(name, openedAt));
            if (schedule.isEmpty()) {
                String problem = "schedule " + target.name() + " is not in the config";
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.SCHEDULE_GAP,
                                page.step() + 1,
                                target.name(),
                                policy.origin(),
                                where + ": " + problem));
                return new DryRunWalk.Recipient(target, "", "", List.of(), problem);
            }
            Optional<Shift> shift = schedule.get().whoIsOnCall(page.at());
            if (shift.isEmpty()) {
                String problem = "schedule " + target.name() + " has nobody on call then";
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.SCHEDULE_GAP,
                                page.step() + 1,
                                target.name(),
                                policy.origin(),
                                where + ": " + problem + "; its layers leave a gap, so add a layer or an override"));
                return new DryRunWalk.Recipient(target, "", "", List.of(), problem);
            }
            return person(target, shift.get().user(), why(shift.get(), schedule.get()), page, where);
        }

        private String why(Shift shift, OnCallSchedule schedule) {
            String source =
                    switch (shift.source()) {
                        case Shift.FromLayer layer -> "layer " + layer.name();
                        case Shift.FromOverride override -> "override by " + override.createdBy();
                    };
            return source + ", until "
                    + DryRunTimes.when(shift.end(), schedule.spec().zone());
        }

        private DryRunWalk.Recipient person(Target target, String name, String why, Page page, String where) {
            Optional<PersonSpec> found = config.person(name);
            int number = page.step() + 1;
            if (found.isEmpty()) {
                String problem = "there is no user named " + name + " in the config";
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.PERSON_UNREACHABLE,
                                number,
                                name,
                                policy.origin(),
                                where + ": " + problem));
                return new DryRunWalk.Recipient(target, name, why, List.of(), problem);
            }
            PersonSpec person = found.get();
            List<DryRunWalk.Attempt> attempts = new ArrayList<>();
            for (NotificationRule rule : person.rules(level)) {
                Instant at = page.at().plus(rule.after());
                Optional<ChannelSpec> method = person.method(rule.method());
                attempts.add(new DryRunWalk.Attempt(
                        rule.method(),
                        method.map(ChannelSpec::type).orElse(""),
                        Duration.between(openedAt, at),
                        at,
                        method.map(m -> config.whyUnusable(m).orElse(""))
                                .orElse(rule.method() + " is not one of " + name + "'s contact methods")));
            }
            String problem = DeadEnds.unreachable(person, level, config)
                    .map(reason -> name + " " + reason)
                    .orElse("");
            if (!problem.isEmpty()) {
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.PERSON_UNREACHABLE,
                                number,
                                name,
                                policy.origin(),
                                where + ": " + problem));
            } else {
                // Reached all the same, through another rule: the ones that never send still need mending.
                attempts.stream()
                        .filter(a -> !a.sends())
                        .forEach(a -> gathered.add(
                                where,
                                new DeadEnd(
                                        DeadEnd.Kind.RULE_NEVER_SENDS,
                                        number,
                                        name,
                                        policy.origin(),
                                        where + ": " + name + "'s " + level.wireName() + "-urgency rule " + a.method()
                                                + " never sends: " + a.problem())));
            }
            return new DryRunWalk.Recipient(target, name, why, attempts, problem);
        }

        private DryRunWalk.Recipient channel(Target.Channel target, Page page, String where) {
            var attempt = post(target.name(), openedAt, page.at());
            if (!attempt.sends()) {
                gathered.add(
                        where,
                        new DeadEnd(
                                DeadEnd.Kind.CHANNEL_OFF,
                                page.step() + 1,
                                target.name(),
                                policy.origin(),
                                where + ": channel " + attempt.problem()));
            }
            return new DryRunWalk.Recipient(target, "", "", List.of(attempt), attempt.problem());
        }
    }

    /**
     * Dead ends as a walk meets them, each kept once: the same one in a later round (a gap that lasts, a person
     * paged every round) only counts the rounds, so the list stays short enough to read.
     */
    private static final class Gathered {
        private final Map<String, DeadEnd> first = new java.util.LinkedHashMap<>();
        private final Map<String, Integer> again = new HashMap<>();

        /** @param where the part of the message that names the step and its time, which later rounds change */
        void add(String where, DeadEnd deadEnd) {
            String key = deadEnd.kind() + "|" + deadEnd.step() + "|" + deadEnd.subject() + "|"
                    + deadEnd.message().substring(where.length());
            if (first.putIfAbsent(key, deadEnd) != null) {
                again.merge(key, 1, Integer::sum);
            }
        }

        List<DeadEnd> merged() {
            return first.entrySet().stream()
                    .map(e -> {
                        int more = again.getOrDefault(e.getKey(), 0);
                        DeadEnd d = e.getValue();
                        return more == 0
                                ? d
                                : new DeadEnd(
                                        d.kind(),
                                        d.step(),
                                        d.subject(),
                                        d.origin(),
                                        d.message() + " (and again in " + more + " later "
                                                + (more == 1 ? "round" : "rounds") + ")");
                    })
                    .toList();
        }
    }
}
