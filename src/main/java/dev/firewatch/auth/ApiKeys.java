package dev.firewatch.auth;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for scripts and integrations: {@code fw_<prefix>_<secret>}. The whole key is shown once, when
 * it is made; we keep its SHA-256 and the prefix, which lists show so people can tell keys apart.
 */
public final class ApiKeys {
    /** A new key and the secret, which nobody can see again after this. */
    public record Created(ApiKey key, String secret) {}

    private static final String COLUMNS = "id, name, prefix, role, created_by, created_at, last_used_at, revoked_at";
    /** How stale last-used may get: writing it on every request would put a write on every read. */
    private static final long LAST_USED_RESOLUTION_MS = 60_000;

    private final Store store;
    private final Ids ids;
    private final Tokens tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Long> lastUsedWritten = new ConcurrentHashMap<>();

    public ApiKeys(Store store, Ids ids, Tokens tokens, AuditLog audit, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public Created create(Actor actor, String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a key needs a name of 1 to 100 characters, e.g. \"ci-deploys\"");
        }
        String prefix = "fw_" + tokens.random(8);
        String secret = prefix + "_" + tokens.random(32);
        String id = ids.next();
        long now = clock.millis();
        store.write(tx -> {
            tx.createUpdate("INSERT INTO auth_api_key (id, name, prefix, key_hash, role, created_by, created_at)"
                            + " VALUES (:id, :name, :prefix, :hash, :role, :by, :now)")
                    .bind("id", id)
                    .bind("name", name.strip())
                    .bind("prefix", prefix)
                    .bind("hash", Tokens.sha256(secret))
                    .bind("role", role.name())
                    .bind("by", actor.name())
                    .bind("now", now)
                    .execute();
            audit.record(tx, actor, "api_key.create", prefix, name.strip() + ", role " + role.wireName());
            return null;
        });
        return new Created(find(id).orElseThrow(), secret);
    }

    /** The live key behind a presented secret; revoked and unknown keys give nothing. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith("fw_")) {
            return Optional.empty();
        }
        Optional<ApiKey> key = store.read(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM auth_api_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", Tokens.sha256(secret))
                .map((rs, ctx) -> key(rs))
                .findOne());
        key.ifPresent(this::touch);
        return key;
    }

    private void touch(ApiKey key) {
        long now = clock.millis();
        Long written = lastUsedWritten.get(key.id());
        if (written != null && now - written < LAST_USED_RESOLUTION_MS) {
            return;
        }
        lastUsedWritten.put(key.id(), now);
        store.write(tx -> tx.createUpdate("UPDATE auth_api_key SET last_used_at = :now WHERE id = :id")
                .bind("now", now)
                .bind("id", key.id())
                .execute());
    }

    public ApiKey revoke(Actor actor, String id) {
        return store.write(tx -> {
            ApiKey key = tx.createQuery("SELECT " + COLUMNS + " FROM auth_api_key WHERE id = :id OR prefix = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> key(rs))
                    .findOne()
                    .orElseThrow(() -> new IllegalArgumentException("no API key with id or prefix " + id));
            if (key.revoked()) {
                return key;
            }
            tx.createUpdate("UPDATE auth_api_key SET revoked_at = :now WHERE id = :id")
                    .bind("now", clock.millis())
                    .bind("id", key.id())
                    .execute();
            audit.record(tx, actor, "api_key.revoke", key.prefix(), key.name());
            return tx.createQuery("SELECT " + COLUMNS + " FROM auth_api_key WHERE id = :id")
                    .bind("id", key.id())
                    .map((rs, ctx) -> key(rs))
                    .one();
        });
    }

    public Optional<ApiKey> find(String id) {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM auth_api_key WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> key(rs))
                .findOne());
    }

    /** All keys, newest first. There are tens of keys, not thousands, so this is one page. */
    public List<ApiKey> list() {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM auth_api_key ORDER BY id DESC LIMIT 1000")
                .map((rs, ctx) -> key(rs))
                .list());
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                Role.valueOf(rs.getString("role")),
                rs.getString("created_by"),
                Times.instant(rs, "created_at"),
                Times.instantOrNull(rs, "last_used_at"),
                Times.instantOrNull(rs, "revoked_at"));
    }
}
