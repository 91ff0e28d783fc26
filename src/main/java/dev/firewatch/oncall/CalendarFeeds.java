package dev.firewatch.oncall;

import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.Tokens;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * Secret links to calendar feeds, one per schedule or person. The token is the secret, so only its SHA-256 is
 * stored, as for API keys: the link is shown once, when it is made, and making a new one replaces the old.
 */
final class CalendarFeeds {
    /** Whose shifts a feed shows: a schedule's, or one person's across every schedule. */
    record Subject(Kind kind, String name) {
        enum Kind {
            SCHEDULE,
            USER
        }

        String key() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
        }

        static Optional<Subject> parse(String key) {
            int colon = key.indexOf(':');
            return switch (colon < 0 ? "" : key.substring(0, colon)) {
                case "schedule" -> Optional.of(new Subject(Kind.SCHEDULE, key.substring(colon + 1)));
                case "user" -> Optional.of(new Subject(Kind.USER, key.substring(colon + 1)));
                default -> Optional.empty();
            };
        }
    }

    private final Store store;
    private final Tokens tokens;
    private final Clock clock;
    private final AuditLog audit;

    CalendarFeeds(Store store, Tokens tokens, Clock clock, AuditLog audit) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new token for the subject's feed; the one before it, if any, stops working in the same transaction. */
    String renew(Actor actor, Subject subject) {
        String token = tokens.random(32);
        store.write(tx -> {
            // One statement, so two people making a link at the same moment cannot collide: the later one wins.
            tx.createUpdate("INSERT INTO oncall_calendar (subject, token_hash, created_by, created_at)"
                            + " VALUES (:subject, :hash, :by, :at) ON CONFLICT (subject) DO UPDATE SET"
                            + " token_hash = excluded.token_hash, created_by = excluded.created_by,"
                            + " created_at = excluded.created_at")
                    .bind("subject", subject.key())
                    .bind("hash", Tokens.sha256(token))
                    .bind("by", actor.name())
                    .bind("at", clock.millis())
                    .execute();
            audit.record(tx, actor, "calendar.renew", subject.key(), "a new secret link; the old one stops working");
            return null;
        });
        return token;
    }

    /** Whose feed a token opens; nothing for a token that is unknown or was replaced. */
    Optional<Subject> open(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return store.read(h -> h.createQuery("SELECT subject FROM oncall_calendar WHERE token_hash = :hash")
                        .bind("hash", Tokens.sha256(token))
                        .mapTo(String.class)
                        .findOne())
                .flatMap(Subject::parse);
    }
}
