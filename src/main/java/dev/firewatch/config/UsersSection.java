package dev.firewatch.config;

import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** {@code users:} as written and checked; see {@link ServerSection} for the two steps. */
record UsersSection(List<User> users) {
    static final List<String> KEYS = List.of("name", "email", "role");
    static final UsersSection ABSENT = new UsersSection(List.of());
    private static final List<String> ROLES =
            Arrays.stream(Role.values()).map(Role::wireName).toList();

    /** One entry; an empty name means the entry had a problem that is already reported. */
    record User(Optional<Scalar> name, Optional<String> email, Optional<Role> role) {}

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
        return new User(name, email.map(Scalar::value), role);
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
}
