package dev.firewatch.paging;

import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.escalation.UrgencyRule;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.oncall.LayerSpec;
import dev.firewatch.oncall.ScheduleSpec;
import dev.firewatch.service.ServiceSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dead ends that hold at every instant, whatever the time and the overrides: what check-config can say from
 * the file alone. A dry run finds these too, at its instant, along with the ones that depend on time (a gap in a
 * schedule, an urgency rule's business hours).
 *
 * <p>A step is <em>unreachable</em> when no incident can ever run it: its policy escalates no service, or the
 * policy's urgency rules give every severity {@code post} or {@code none} at every time of the week. A long wait
 * never makes a step unreachable: escalation goes on until someone acknowledges, however long that takes.
 */
public final class DeadEnds {
    /**
     * Two weeks to try urgency rules in, a winter one and a summer one, so a rule's wall-clock window is seen on
     * both sides of daylight saving time in either hemisphere. Every rule's window repeats weekly.
     */
    private static final List<LocalDate> WEEKS = List.of(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 7, 6));

    private final DryRunConfig config;

    public DeadEnds(DryRunConfig config) {
        this.config = config;
    }

    /**
     * Every dead end of the whole config, policies in the order they are written, then services. One said in the
     * same words twice (a person's rule that never sends, met in two steps) is said once, at the first.
     */
    public List<DeadEnd> all() {
        Map<String, DeadEnd> found = new LinkedHashMap<>();
        config.policies().stream()
                .flatMap(policy -> of(policy).stream())
                .forEach(d -> found.putIfAbsent(d.kind() + "|" + d.message(), d));
        for (ServiceSpec service : config.services()) {
            if (config.policyFor(service.name()).isEmpty()
                    && !service.channels().isEmpty()) {
                found.put(
                        service.name(),
                        new DeadEnd(
                                DeadEnd.Kind.NO_POLICY,
                                0,
                                service.name(),
                                "",
                                "service " + service.name() + " has channels (" + String.join(", ", service.channels())
                                        + ") but no escalation policy: its incidents page nobody; name it under services:"
                                        + " of a policy in escalation_policies:"));
            }
        }
        return List.copyOf(found.values());
    }

    /** The dead ends of one policy. */
    public List<DeadEnd> of(EscalationPolicySpec policy) {
        List<DeadEnd> found = new ArrayList<>();
        if (policy.services().isEmpty()) {
            found.add(policyWide(
                    DeadEnd.Kind.STEP_UNREACHABLE,
                    policy,
                    "escalation policy " + policy.name() + " escalates no service, so none of its steps can ever"
                            + " run; name the services it is for under services:"));
        }
        Set<Urgency.Level> levels = levels(policy);
        if (levels.isEmpty()) {
            found.add(policyWide(
                    DeadEnd.Kind.STEP_UNREACHABLE,
                    policy,
                    "escalation policy " + policy.name() + " never pages: its urgency rules give every severity"
                            + " post or none at every time of the week, so none of its steps can ever run"));
        }
        found.addAll(rulesThatNeverApply(policy));
        policy.urgency().stream()
                .map(UrgencyRule::urgency)
                .filter(u -> u instanceof Urgency.Post)
                .map(u -> ((Urgency.Post) u).channel())
                .distinct()
                .forEach(name -> offChannel(name)
                        .ifPresent(why -> found.add(new DeadEnd(
                                DeadEnd.Kind.CHANNEL_OFF,
                                0,
                                name,
                                policy.origin(),
                                "escalation policy " + policy.name() + " posts to channel " + name
                                        + " instead of paging for some severities, and that post goes nowhere: "
                                        + why))));
        if (found.stream().anyMatch(d -> d.kind() == DeadEnd.Kind.STEP_UNREACHABLE)) {
            return found; // its steps never run, so what they would meet does not matter
        }
        for (int i = 0; i < policy.steps().size(); i++) {
            found.addAll(step(policy, i + 1, policy.steps().get(i), levels));
        }
        // A person named by several steps has the same rules at each: say so once, at the first.
        return found.stream()
                .collect(java.util.stream.Collectors.toMap(
                        d -> d.kind() + "|" + d.message(), d -> d, (first, again) -> first, LinkedHashMap::new))
                .values()
                .stream()
                .toList();
    }

    private List<DeadEnd> step(EscalationPolicySpec policy, int number, StepSpec step, Set<Urgency.Level> levels) {
        List<DeadEnd> found = new ArrayList<>();
        String named = "escalation policy " + policy.name() + ", step " + number;
        List<String> whyNobody = new ArrayList<>();
        boolean someoneCanBeReached = false;
        for (Target target : step.targets()) {
            switch (target) {
                case Target.Channel channel -> {
                    Optional<String> off = offChannel(channel.name());
                    off.ifPresent(why -> {
                        found.add(new DeadEnd(
                                DeadEnd.Kind.CHANNEL_OFF,
                                number,
                                channel.name(),
                                policy.origin(),
                                named + ": channel " + why));
                        whyNobody.add("channel " + channel.name() + " cannot send");
                    });
                    someoneCanBeReached |= off.isEmpty();
                }
                case Target.User user -> {
                    Optional<String> why = unreachable(user.name(), levels);
                    why.ifPresent(w -> {
                        found.add(new DeadEnd(
                                DeadEnd.Kind.PERSON_UNREACHABLE,
                                number,
                                user.name(),
                                policy.origin(),
                                named + " pages " + user.name() + ", who " + w));
                        whyNobody.add(user.name() + " " + w);
                    });
                    someoneCanBeReached |= why.isEmpty();
                }
                case Target.Schedule schedule -> {
                    List<String> people = people(schedule.name());
                    List<String> unreachable = new ArrayList<>();
                    for (String person : people) {
                        unreachable(person, levels).ifPresent(w -> {
                            unreachable.add(person);
                            found.add(new DeadEnd(
                                    DeadEnd.Kind.PERSON_UNREACHABLE,
                                    number,
                                    person,
                                    policy.origin(),
                                    named + " asks schedule " + schedule.name() + ", which puts " + person
                                            + " on call, who " + w + "; while " + person + " is on call the"
                                            + " schedule reaches nobody"));
                        });
                    }
                    if (unreachable.size() == people.size()) {
                        whyNobody.add("everyone schedule " + schedule.name() + " puts on call cannot be reached");
                    } else {
                        someoneCanBeReached = true;
                    }
                }
            }
        }
        if (!someoneCanBeReached) {
            found.add(new DeadEnd(
                    DeadEnd.Kind.STEP_REACHES_NOBODY,
                    number,
                    policy.name(),
                    policy.origin(),
                    named + " reaches nobody at any time: " + String.join("; ", whyNobody)));
        }
        found.addAll(rulesThatNeverSend(policy, number, step, levels));
        return found;
    }

    /** Rules of the step's people whose method can never send, once per person and method. */
    private List<DeadEnd> rulesThatNeverSend(
            EscalationPolicySpec policy, int number, StepSpec step, Set<Urgency.Level> levels) {
        Set<String> people = new LinkedHashSet<>();
        for (Target target : step.targets()) {
            switch (target) {
                case Target.User user -> people.add(user.name());
                case Target.Schedule schedule -> people.addAll(people(schedule.name()));
                case Target.Channel channel -> {}
            }
        }
        List<DeadEnd> found = new ArrayList<>();
        for (String name : people) {
            Optional<PersonSpec> person = config.person(name);
            if (person.isEmpty() || unreachable(name, levels).isPresent()) {
                continue; // said already, more plainly
            }
            for (Urgency.Level level : levels) {
                for (NotificationRule rule : person.get().rules(level)) {
                    person.get()
                            .method(rule.method())
                            .flatMap(config::whyUnusable)
                            .ifPresent(why -> found.add(new DeadEnd(
                                    DeadEnd.Kind.RULE_NEVER_SENDS,
                                    number,
                                    name,
                                    policy.origin(),
                                    name + "'s " + level.wireName() + "-urgency rule " + rule.method()
                                            + " never sends: " + why + " (" + name + " is paged by escalation"
                                            + " policy " + policy.name() + ")")));
                }
            }
        }
        return found;
    }

    /**
     * Why {@code person} cannot be reached at {@code level} through any rule, or empty when some rule can send.
     * Worded to follow the person's name: "has no contact methods and no email address".
     */
    static Optional<String> unreachable(PersonSpec person, Urgency.Level level, DryRunConfig config) {
        if (person.contactMethods().isEmpty()) {
            return Optional.of("has no contact methods and no email address; give them contact_methods or an email");
        }
        List<NotificationRule> rules = person.rules(level);
        if (rules.isEmpty()) {
            return Optional.of("has no notification rules for " + level.wireName() + " urgency");
        }
        List<String> why = new ArrayList<>();
        for (NotificationRule rule : rules) {
            Optional<String> unusable = person.method(rule.method()).flatMap(config::whyUnusable);
            if (unusable.isEmpty()) {
                return Optional.empty();
            }
            why.add(unusable.get());
        }
        return Optional.of("cannot be reached at " + level.wireName() + " urgency: "
                + why.stream().distinct().collect(Collectors.joining("; ")));
    }

    /** Why the person cannot be reached at one of the levels; empty when they can at each. */
    private Optional<String> unreachable(String name, Set<Urgency.Level> levels) {
        Optional<PersonSpec> person = config.person(name);
        if (person.isEmpty()) {
            return Optional.of("is not a user in the config");
        }
        for (Urgency.Level level : levels) {
            Optional<String> why = unreachable(person.get(), level, config);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private Optional<String> offChannel(String name) {
        Optional<ChannelSpec> channel = config.channel(name);
        return channel.isEmpty() ? Optional.of(name + " is not in the config") : channel.flatMap(config::whyUnusable);
    }

    /** Everyone any layer of the schedule puts on call, in the order the layers name them. */
    private List<String> people(String schedule) {
        return config.schedule(schedule).map(ScheduleSpec::layers).orElse(List.of()).stream()
                .map(LayerSpec::users)
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    /**
     * The urgency levels a policy can page at. A policy's rules decide by severity and wall-clock time, so trying
     * every severity at every instant a rule's window opens or closes, over a week, sees every answer they give.
     */
    Set<Urgency.Level> levels(EscalationPolicySpec policy) {
        Set<Urgency.Level> levels = EnumSet.noneOf(Urgency.Level.class);
        for (Instant at : moments(policy)) {
            for (String severity : config.severities()) {
                if (policy.urgency(severity, at) instanceof Urgency.Page page) {
                    levels.add(page.level());
                }
            }
        }
        return levels;
    }

    /** Urgency rules that earlier rules always decide before them, for every severity they name. */
    private List<DeadEnd> rulesThatNeverApply(EscalationPolicySpec policy) {
        List<UrgencyRule> rules = policy.urgency();
        Set<Integer> deciding = new TreeSet<>();
        for (Instant at : moments(policy)) {
            for (String severity : config.severities()) {
                for (int i = 0; i < rules.size(); i++) {
                    if (rules.get(i).applies(severity, at)) {
                        deciding.add(i);
                        break;
                    }
                }
            }
        }
        List<DeadEnd> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!deciding.contains(i)) {
                found.add(policyWide(
                        DeadEnd.Kind.RULE_NEVER_APPLIES,
                        policy,
                        "escalation policy " + policy.name() + ", urgency[" + i + "] (for "
                                + String.join(", ", new TreeSet<>(rules.get(i).severities()))
                                + ") never applies: the rules before it decide those severities at every time"));
            }
        }
        return found;
    }

    /**
     * The instants at which a policy's urgency can change its answer: where each rule's window opens and closes,
     * each day of a winter and a summer week, and the start of each week. Between two of them every rule gives
     * the same answer, so these stand for all time.
     */
    private static List<Instant> moments(EscalationPolicySpec policy) {
        Set<Instant> moments = new TreeSet<>();
        for (LocalDate monday : WEEKS) {
            moments.add(monday.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            for (UrgencyRule rule : policy.urgency()) {
                rule.during().ifPresent(hours -> {
                    for (int day = -1; day <= 7; day++) {
                        LocalDate date = monday.plusDays(day);
                        moments.add(
                                date.atTime(hours.from()).atZone(hours.zone()).toInstant());
                        moments.add(date.atTime(hours.to()).atZone(hours.zone()).toInstant());
                    }
                });
            }
        }
        return List.copyOf(moments);
    }

    private static DeadEnd policyWide(DeadEnd.Kind kind, EscalationPolicySpec policy, String message) {
        return new DeadEnd(kind, 0, policy.name(), policy.origin(), message);
    }
}
