package dev.firewatch.config;

import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.paging.NotificationRule;
import dev.firewatch.paging.PersonSpec;
import dev.firewatch.spelling.DidYouMean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** {@code users:} as written and checked; see {@link ServerSection} for the two steps. */
record UsersSection(List<User> users) {
    static final List<String> KEYS = List.of("name", "email", "role", "contact_methods", "notification_rules");
    static final List<String> RULE_KEYS = List.of("method", "after");
    static final UsersSection ABSENT = new UsersSection(List.of());
    private static final List<String> ROLES =
            Arrays.stream(Role.values()).map(Role::wireName).toList();
    private static final List<String> URGENCIES = List.of("high", "low");

    /**
     * One entry; an empty name means the entry had a problem that is already reported.
     *
     * @param high empty when the entry has no rules for high urgency: every method at once
     */
    record User(
            Optional<Scalar> name,
            Optional<String> email,
            Optional<Role> role,
            List<ChannelsSection.Channel> methods,
            Optional<List<NotificationRule>> high,
            Optional<List<NotificationRule>> low) {}

    static UsersSection read(List<Node> entries, Reading reading) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(entries.get(i), "users[" + i + "]", "a user like {name: alice, role: responder}")
                    .map(UsersSection::user)
                    .ifPresent(users::add);
        }
        EntryName.requireUnique(names(users), "user", reading.problems());
        return new UsersSection(List.copyOf(users));
    }

    private static User user(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "alice");
        var email = entry.scalar("email", "an email address").filter(address -> {
            if (!address.value().contains("@")) {
                entry.error(
                        address.at(), entry.path("email") + ": expected an email address, found " + address.shown());
                return false;
            }
            return true;
        });
        var role = entry.scalar("role", "a role").flatMap(written -> {
            var parsed = Role.parse(written.value());
            if (parsed.isEmpty()) {
                entry.error(written.at(), entry.path("role") + ": " + unknownRole(written));
            }
            return parsed;
        });
        List<ChannelsSection.Channel> methods = new ArrayList<>();
        entry.list(
                        "contact_methods",
                        "a list of contact methods like [{name: phone, type: ntfy, url:"
                                + " https://ntfy.sh, topic: alice-pages}]")
                .ifPresent(items -> {
                    for (int i = 0; i < items.size(); i++) {
                        entry.reading()
                                .mapping(
                                        items.get(i),
                                        entry.path("contact_methods") + "[" + i + "]",
                                        "a contact method like {name: phone, type: ntfy, url: https://ntfy.sh, topic:"
                                                + " alice-pages}")
                                .map(ChannelsSection::channel)
                                .ifPresent(methods::add);
                    }
                    EntryName.requireUnique(
                            methods.stream().flatMap(m -> m.name().stream()).toList(),
                            "contact method",
                            entry.reading().problems());
                });
        List<String> methodNames = new ArrayList<>(methods.stream()
                .flatMap(m -> m.name().stream())
                .map(Scalar::value)
                .toList());
        if (methods.isEmpty() && email.isPresent()) {
            methodNames.add(IMPLICIT_EMAIL);
        }
        Optional<List<NotificationRule>> high = Optional.empty();
        Optional<List<NotificationRule>> low = Optional.empty();
        var rules = entry.mapping(
                "notification_rules",
                "rules by urgency like {high: [{method: phone}, {method:"
                        + " email, after: 2m}], low: [{method: email}]}");
        if (rules.isPresent()) {
            rules.get().allowOnly(URGENCIES);
            high = rules(rules.get(), "high", methodNames);
            low = rules(rules.get(), "low", methodNames);
        }
        return new User(name, email.map(Scalar::value), role, List.copyOf(methods), high, low);
    }

    /** The method a user with an email address and no contact methods gets. */
    static final String IMPLICIT_EMAIL = "email";

    private static Optional<List<NotificationRule>> rules(Mapping rules, String urgency, List<String> methods) {
        var items = rules.list(urgency, "a list of rules like [{method: phone}, {method: email, after: 2m}]");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<NotificationRule> read = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String path = rules.path(urgency) + "[" + i + "]";
            Optional<Scalar> method;
            Optional<Duration> after = Optional.of(Duration.ZERO);
            if (item instanceof ScalarNode) {
                method = rules.reading().scalar(item, path, "a contact method's name");
            } else {
                var rule = rules.reading().mapping(item, path, "a rule like {method: email, after: 2m}");
                if (rule.isEmpty()) {
                    continue;
                }
                rule.get().allowOnly(RULE_KEYS);
                method = WebhooksSection.required(rule.get(), "method", "name one of the user's contact methods")
                        ? rule.get().text("method", "a contact method's name")
                        : Optional.empty();
                if (rule.get().has("after")) {
                    after = rule.get().duration("after");
                }
            }
            var known = method.filter(m -> {
                if (methods.contains(m.value())) {
                    return true;
                }
                rules.error(
                        m.at(),
                        path + ": unknown contact method " + m.shown()
                                + DidYouMean.closest(m.value(), methods)
                                        .map(c -> "; did you mean \"" + c + "\"?")
                                        .orElse(
                                                methods.isEmpty()
                                                        ? "; the user has no contact methods (and no email)"
                                                        : "; the user has " + String.join(", ", methods)));
                return false;
            });
            if (known.isPresent() && after.isPresent()) {
                read.add(new NotificationRule(known.get().value(), after.get()));
            }
        }
        return Optional.of(List.copyOf(read));
    }

    private static String unknownRole(Scalar written) {
        String expected = "; expected viewer, responder or admin";
        if (written.fromEnvironment()) {
            return "expected viewer, responder or admin, found " + written.shown();
        }
        return "unknown role " + written.shown()
                + DidYouMean.closest(written.value(), ROLES)
                        .map(role -> "; did you mean \"" + role + "\"?")
                        .orElse(expected);
    }

    private static List<Scalar> names(List<User> users) {
        return users.stream().flatMap(user -> user.name().stream()).toList();
    }

    /** Each declared user's role, a missing role read as viewer, as {@link #specs} does. */
    Map<String, Role> roles() {
        Map<String, Role> roles = new java.util.LinkedHashMap<>();
        users.forEach(user -> user.name()
                .ifPresent(name -> roles.put(name.value(), user.role().orElse(Role.VIEWER))));
        return roles;
    }

    /** A user without a role may only look: the least a person can be given. */
    List<UserSpec> specs() {
        return users.stream()
                .map(user -> new UserSpec(
                        user.name().orElseThrow().value(),
                        user.email().orElse(""),
                        user.role().orElse(Role.VIEWER)))
                .toList();
    }

    /** How paging reaches each user: their methods (or their email), and rules by urgency. */
    List<PersonSpec> people() {
        return users.stream().map(UsersSection::person).toList();
    }

    private static PersonSpec person(User user) {
        List<ChannelSpec> methods = user.methods().stream()
                .map(m -> new ChannelSpec(
                        m.name().orElseThrow().value(), m.type().orElseThrow(), m.settings(), m.enabled()))
                .toList();
        if (methods.isEmpty() && user.email().isPresent()) {
            methods = List.of(new ChannelSpec(
                    IMPLICIT_EMAIL, "email", Map.of("to", user.email().get()), true));
        }
        List<NotificationRule> everyAtOnce = methods.stream()
                .map(m -> new NotificationRule(m.name(), Duration.ZERO))
                .toList();
        List<NotificationRule> high = user.high().orElse(everyAtOnce);
        List<NotificationRule> low = user.low().orElse(high);
        return new PersonSpec(user.name().orElseThrow().value(), methods, high, low);
    }
}
