package dev.firewatch.config;

import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.escalation.Hours;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.escalation.UrgencyRule;
import dev.firewatch.spelling.DidYouMean;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code escalation_policies:} as written and checked; see {@link ServerSection} for the two steps. A policy
 * names its services itself, so that a service's entry need not know paging exists, and each service is
 * escalated by one policy at most.
 */
record EscalationPoliciesSection(List<Policy> policies) {
    static final List<String> KEYS = List.of("name", "description", "services", "repeat", "steps", "urgency");
    static final List<String> STEP_KEYS = List.of("users", "schedules", "channels", "wait");
    static final List<String> RULE_KEYS = List.of("severities", "during", "action", "channel");
    static final List<String> HOURS_KEYS = List.of("days", "from", "to", "timezone");
    static final EscalationPoliciesSection ABSENT = new EscalationPoliciesSection(List.of());
    /** A policy that re-pages hourly for four days is already past anyone answering; more is a typo. */
    static final int MOST_REPEATS = 100;

    private static final String ACTIONS = "page, page_low, post or none";

    /** One entry; an empty name, step or rule had a problem that is already reported. */
    record Policy(
            String path,
            Optional<Scalar> name,
            String description,
            List<Scalar> services,
            int repeat,
            List<Optional<Step>> steps,
            List<Optional<Rule>> urgency,
            String origin) {}

    /** @param path {@code escalation_policies[0].steps[1]}, for messages about its targets */
    record Step(String path, List<Scalar> users, List<Scalar> schedules, List<Scalar> channels, Duration waitAfter) {}

    record Rule(
            String path, List<Scalar> severities, Optional<Hours> during, Urgency urgency, Optional<Scalar> channel) {}

    static EscalationPoliciesSection read(List<Node> entries, Reading reading) {
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "escalation_policies[" + i + "]",
                            "a policy like {name: critical, services: [api], steps: [{schedules: [primary], wait:"
                                    + " 5m}]}")
                    .map(EscalationPoliciesSection::policy)
                    .ifPresent(policies::add);
        }
        EntryName.requireUnique(
                policies.stream().flatMap(p -> p.name().stream()).toList(), "escalation policy", reading.problems());
        return new EscalationPoliciesSection(List.copyOf(policies));
    }

    private static Policy policy(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "critical");
        String description =
                entry.scalar("description", "a line of text").map(Scalar::value).orElse("");
        List<Scalar> services = entry.has("services")
                ? entry.scalars("services", "a list of service names like [api, web]", "a service name")
                        .orElse(List.of())
                : List.of();
        int repeat = entry.has("repeat")
                ? entry.wholeNumber("repeat", 0, MOST_REPEATS).orElse(0)
                : 0;
        List<Optional<Step>> steps = List.of();
        if (WebhooksSection.required(
                entry, "steps", "add at least one step, like steps: [{schedules: [primary], wait: 5m}]")) {
            steps = items(entry, "steps", "a step like {users: [alice], wait: 5m}", EscalationPoliciesSection::step);
        }
        List<Optional<Rule>> urgency = entry.has("urgency")
                ? items(
                        entry,
                        "urgency",
                        "a rule like {severities: [SEV3], action: none}",
                        EscalationPoliciesSection::rule)
                : List.of();
        return new Policy(
                entry.path(),
                name,
                description,
                services,
                repeat,
                steps,
                urgency,
                entry.reading().problems().where(entry.at()));
    }

    /** Each mapping in the list at {@code key}, read by {@code read}; a non-empty list is required. */
    private static <T> List<Optional<T>> items(
            Mapping entry, String key, String expected, Function<Mapping, Optional<T>> reader) {
        var items = entry.list(key, "a list of " + key).orElse(null);
        if (items == null) {
            return List.of(Optional.empty());
        }
        if (items.isEmpty()) {
            entry.error(
                    entry.node(key).orElseThrow().getStartMark(),
                    entry.path(key) + ": expected at least one, like " + expected + ", found none");
            return List.of(Optional.empty());
        }
        List<Optional<T>> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read.add(entry.reading()
                    .mapping(items.get(i), entry.path(key) + "[" + i + "]", expected)
                    .flatMap(reader));
        }
        return read;
    }

    private static Optional<Step> step(Mapping step) {
        step.allowOnly(STEP_KEYS);
        var users = names(step, "users", "[alice, bob]", "a user name");
        var schedules = names(step, "schedules", "[primary]", "a schedule name");
        var channels = names(step, "channels", "[ops-chat]", "a channel name");
        boolean targetsOk = users.isPresent() && schedules.isPresent() && channels.isPresent();
        if (targetsOk
                && users.get().isEmpty()
                && schedules.get().isEmpty()
                && channels.get().isEmpty()) {
            step.error(
                    step.at(),
                    step.path() + ": notifies nobody; name users, schedules or channels, like schedules: [primary]");
            targetsOk = false;
        }
        var wait = wait(step);
        if (!targetsOk || wait.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step(step.path(), users.get(), schedules.get(), channels.get(), wait.get()));
    }

    /** The names at {@code key}, none when it is absent; empty after an error. */
    private static Optional<List<Scalar>> names(Mapping step, String key, String example, String item) {
        return step.has(key) ? step.scalars(key, "a list of names like " + example, item) : Optional.of(List.of());
    }

    private static Optional<Duration> wait(Mapping step) {
        String why = "write how long to wait before the next step (after the last: before the policy repeats),"
                + " like wait: 5m";
        if (!WebhooksSection.required(step, "wait", why)) {
            return Optional.empty();
        }
        var written = step.scalar("wait", "a duration like 5m");
        if (written.filter(w -> w.value().strip().startsWith("-")).isPresent()) {
            step.error(
                    written.get().at(),
                    step.path("wait") + ": a wait cannot be negative, found "
                            + written.get().shown() + "; " + why);
            return Optional.empty();
        }
        return written.isPresent() ? step.duration("wait") : Optional.empty();
    }

    private static Optional<Rule> rule(Mapping rule) {
        rule.allowOnly(RULE_KEYS);
        var severities = WebhooksSection.required(rule, "severities", "name the severities it is for, like [SEV2]")
                ? rule.scalars("severities", "a list of severities like [SEV2, SEV3]", "a severity")
                : Optional.<List<Scalar>>empty();
        var during = rule.has("during")
                ? rule.mapping(
                                "during",
                                "business hours like {days: [mon, tue, wed, thu, fri], from: \"09:00\","
                                        + " to: \"18:00\", timezone: Europe/Berlin}")
                        .flatMap(EscalationPoliciesSection::hours)
                        .map(Optional::of)
                : Optional.of(Optional.<Hours>empty());
        var action = WebhooksSection.required(rule, "action", "write " + ACTIONS)
                ? rule.text("action", ACTIONS).flatMap(written -> action(rule, written))
                : Optional.<Urgency>empty();
        if (severities.isEmpty() || during.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(rule.path(), severities.get(), during.get(), action.get(), rule.scalar("channel")));
    }

    private static Optional<Urgency> action(Mapping rule, Scalar written) {
        String action = written.value().strip();
        if (!action.equals("post") && rule.has("channel")) {
            rule.error(
                    rule.node("channel").orElseThrow().getStartMark(),
                    rule.path("channel") + ": only a rule with action: post posts to a channel");
            return Optional.empty();
        }
        return switch (action) {
            case "page" -> Optional.of(new Urgency.Page(Urgency.Level.HIGH));
            case "page_low" -> Optional.of(new Urgency.Page(Urgency.Level.LOW));
            case "none" -> Optional.of(new Urgency.Quiet());
            case "post" ->
                WebhooksSection.required(rule, "channel", "name the channel to post to instead of paging")
                        ? rule.text("channel", "a channel name").map(c -> new Urgency.Post(c.value()))
                        : Optional.empty();
            default -> {
                String help = DidYouMean.hint(action, List.of("page", "page_low", "post", "none"));
                rule.error(
                        written.at(),
                        rule.path("action") + ": expected " + ACTIONS + ", found " + written.shown() + help);
                yield Optional.empty();
            }
        };
    }

    private static Optional<Hours> hours(Mapping hours) {
        hours.allowOnly(HOURS_KEYS);
        var days = hours.has("days")
                ? WallClock.days(hours, "days")
                : Optional.<Set<DayOfWeek>>of(EnumSet.allOf(DayOfWeek.class));
        String times = "a window needs from and to, like from: \"09:00\", to: \"18:00\" (a to at or before from"
                + " ends the next day)";
        var from = WebhooksSection.required(hours, "from", times)
                ? WallClock.time(hours, "from")
                : Optional.<LocalTime>empty();
        var to = WebhooksSection.required(hours, "to", times)
                ? WallClock.time(hours, "to")
                : Optional.<LocalTime>empty();
        var zone = hours.has("timezone") ? WallClock.zone(hours, "timezone") : Optional.<ZoneId>of(ZoneOffset.UTC);
        if (days.filter(d -> !d.isEmpty()).isEmpty() || from.isEmpty() || to.isEmpty() || zone.isEmpty()) {
            if (days.filter(Set::isEmpty).isPresent()) {
                hours.error(
                        hours.node("days").orElseThrow().getStartMark(),
                        hours.path("days") + ": is empty; leave days out for every day, or name them like [mon, fri]");
            }
            return Optional.empty();
        }
        return Optional.of(new Hours(days.get(), from.get(), to.get(), zone.get()));
    }

    /**
     * Every name a policy uses must be declared; a section that is itself broken is empty here, so its names
     * are not reported a second time. A service escalated by two policies is an error at the second.
     */
    void requireKnown(
            Optional<Collection<String>> users,
            Optional<Collection<String>> schedules,
            Optional<Collection<String>> channels,
            Optional<Collection<String>> services,
            Optional<Collection<String>> severities,
            Problems problems) {
        Map<String, Scalar> escalatedBy = new HashMap<>();
        for (Policy policy : policies) {
            for (int i = 0; i < policy.services().size(); i++) {
                Scalar service = policy.services().get(i);
                String path = policy.path() + ".services[" + i + "]";
                services.ifPresent(names -> References.require(service, path, "service", "services", names, problems));
                Scalar first =
                        escalatedBy.putIfAbsent(service.value(), policy.name().orElseThrow());
                if (first != null
                        && !first.value().equals(policy.name().orElseThrow().value())) {
                    problems.error(
                            service.at(),
                            path + ": service " + service.shown() + " is already escalated by" + " policy "
                                    + first.shown() + " (line " + (first.at().getLine() + 1) + ")");
                }
            }
            for (var step : policy.steps()) {
                step.ifPresent(s -> {
                    users.ifPresent(names -> require(s.path(), "users", s.users(), "user", names, problems));
                    schedules.ifPresent(
                            names -> require(s.path(), "schedules", s.schedules(), "schedule", names, problems));
                    channels.ifPresent(
                            names -> require(s.path(), "channels", s.channels(), "channel", names, problems));
                });
            }
            for (var rule : policy.urgency()) {
                rule.ifPresent(r -> {
                    severities.ifPresent(
                            names -> require(r.path(), "severities", r.severities(), "severity", names, problems));
                    r.channel()
                            .ifPresent(channel -> channels.ifPresent(names -> References.require(
                                    channel, r.path() + ".channel", "channel", "channels", names, problems)));
                });
            }
        }
    }

    List<EscalationPolicySpec> specs() {
        return policies.stream()
                .map(policy -> new EscalationPolicySpec(
                        policy.name().orElseThrow().value(),
                        policy.description(),
                        policy.steps().stream()
                                .map(step -> spec(step.orElseThrow()))
                                .toList(),
                        policy.repeat(),
                        policy.services().stream().map(Scalar::value).toList(),
                        policy.urgency().stream()
                                .map(Optional::orElseThrow)
                                .map(rule -> new UrgencyRule(
                                        Set.copyOf(rule.severities().stream()
                                                .map(Scalar::value)
                                                .toList()),
                                        rule.during(),
                                        rule.urgency()))
                                .toList(),
                        policy.origin()))
                .toList();
    }

    /** Targets in the order people read them: persons, then schedules, then channels. */
    private static StepSpec spec(Step step) {
        List<Target> targets = new ArrayList<>();
        step.users().forEach(user -> targets.add(new Target.User(user.value())));
        step.schedules().forEach(schedule -> targets.add(new Target.Schedule(schedule.value())));
        step.channels().forEach(channel -> targets.add(new Target.Channel(channel.value())));
        return new StepSpec(targets, step.waitAfter());
    }

    private static void require(
            String path, String key, List<Scalar> names, String kind, Collection<String> declared, Problems problems) {
        for (int i = 0; i < names.size(); i++) {
            References.require(names.get(i), path + "." + key + "[" + i + "]", kind, key, declared, problems);
        }
    }
}
