package dev.firewatch.incident;

import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import java.util.Collection;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Who an incident can be handed to: users the running config declares, read at each call so a reload counts.
 * Incidents never read auth's tables for this.
 *
 * @param hint the {@code ; did you mean "alice"?} for a name that is not one of them, or the empty string;
 *     the config owns that wording, and features may not reach into the config, so the wiring hands it in
 */
public record Assignees(Supplier<Collection<String>> names, BiFunction<String, Collection<String>, String> hint) {
    /** Refused: no user has that name. The message says which names there are. */
    public static final class UnknownUser extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownUser(String message) {
            super(message);
        }
    }

    /**
     * The config's users who can respond (responders and admins): a viewer cannot acknowledge, so handing
     * them an incident would leave it with nobody.
     */
    public static Assignees respondersOf(
            Supplier<? extends Collection<UserSpec>> users, BiFunction<String, Collection<String>, String> hint) {
        return new Assignees(
                () -> users.get().stream()
                        .filter(user -> user.role().includes(Role.RESPONDER))
                        .map(UserSpec::name)
                        .toList(),
                hint);
    }

    /** The name as given, when it is one of them. */
    String check(String name) {
        Collection<String> known = names.get();
        if (!known.contains(name)) {
            String hinted = hint.apply(name, known);
            String list = String.join(", ", known.stream().sorted().toList());
            throw new UnknownUser("no user who can respond is named \"" + name + "\""
                    + (hinted.isEmpty() ? "; they are " + list : hinted + " Those who can respond: " + list));
        }
        return name;
    }
}
