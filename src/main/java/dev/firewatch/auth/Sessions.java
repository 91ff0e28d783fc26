package dev.firewatch.auth;

import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side sessions. The browser holds a random token; we keep only its SHA-256, so a copy of the
 * database cannot be used to sign in. Each session has its own CSRF token for forms and htmx requests.
 */
public final class Sessions {
    /** A signed-in browser. The role is read from the user at every request, so a change applies at once. */
    public record Session(
            String tokenHash, String userId, String userName, Role role, String csrfToken, Instant expiresAt) {}

    private final Store store;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration ttl;

    public Sessions(Store store, Tokens tokens, Clock clock, Duration ttl) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Starts a session and returns the token to put in the cookie (the only copy of it). */
    public String start(User user, Actor actor, AuditLog audit) {
        String token = tokens.random(40);
        long now = clock.millis();
        store.write(tx -> {
            // Expired sessions go here, on an index, instead of by a sweeper or at boot.
            tx.createUpdate("DELETE FROM auth_session WHERE expires_at < :now")
                    .bind("now", now)
                    .execute();
            tx.createUpdate(
                            "INSERT INTO auth_session (token_hash, user_id, csrf_token, created_at, expires_at, address)"
                                    + " VALUES (:hash, :user, :csrf, :now, :expires, :address)")
                    .bind("hash", Tokens.sha256(token))
                    .bind("user", user.id())
                    .bind("csrf", tokens.random(32))
                    .bind("now", now)
                    .bind("expires", now + ttl.toMillis())
                    .bind("address", actor.address())
                    .execute();
            audit.record(tx, actor, "session.start", user.name(), null);
            return null;
        });
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return store.read(
                h -> h.createQuery("SELECT s.token_hash, s.user_id, u.name, u.role, s.csrf_token, s.expires_at"
                                + " FROM auth_session s JOIN auth_user u ON u.id = s.user_id"
                                + " WHERE s.token_hash = :hash AND s.expires_at > :now")
                        .bind("hash", Tokens.sha256(token))
                        .bind("now", clock.millis())
                        .map((rs, ctx) -> new Session(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Role.valueOf(rs.getString(4)),
                                rs.getString(5),
                                Instant.ofEpochMilli(rs.getLong(6))))
                        .findOne());
    }

    public void end(Session session, Actor actor, AuditLog audit) {
        store.write(tx -> {
            tx.createUpdate("DELETE FROM auth_session WHERE token_hash = :hash")
                    .bind("hash", session.tokenHash())
                    .execute();
            audit.record(tx, actor, "session.end", session.userName(), null);
            return null;
        });
    }

    public Duration ttl() {
        return ttl;
    }
}
