package dev.firewatch.auth;

import io.javalin.security.RouteRole;
import java.util.Optional;

/**
 * Who may call a route. Every route declares exactly one; a route without one is refused to everybody,
 * so forgetting to declare access fails closed.
 */
public enum Access implements RouteRole {
    /** Anyone, signed in or not: health, login, the public status page, intake keyed by integration key. */
    PUBLIC(null),
    VIEWER(Role.VIEWER),
    RESPONDER(Role.RESPONDER),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role a caller needs, or empty for a public route. */
    public Optional<Role> requiredRole() {
        return Optional.ofNullable(role);
    }
}
