package dev.firewatch.auth;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The people who can sign in. Who exists and with which role comes from the config ({@link #sync}); their
 * passwords live only here, hashed.
 */
public final class Users {
    private static final String COLUMNS =
            "id, name, email, role, password_hash IS NOT NULL AS has_password, created_at, last_login_at";

    private final Store store;
    private final Ids ids;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public Users(Store store, Ids ids, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** The admin a first start gives a password to: the config's first admin, or "admin" when it names none. */
    public static String firstAdmin(List<UserSpec> specs) {
        return specs.stream()
                .filter(u -> u.role() == Role.ADMIN)
                .map(UserSpec::name)
                .findFirst()
                .orElse("admin");
    }

    /**
     * Creates the users the config names and brings their email and role in line with it. Anyone no longer
     * in the config can no longer sign in: their password is cleared and their sessions end. They stay in
     * the store, since the audit log and timelines name them.
     */
    public void sync(List<UserSpec> specs) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        specs.forEach(spec -> declared.add(spec.name()));
        declared.add(firstAdmin(specs));
        store.write(tx -> {
            for (User user : tx.createQuery("SELECT " + COLUMNS + " FROM auth_user WHERE password_hash IS NOT NULL")
                    .map((rs, ctx) -> user(rs))
                    .list()) {
                if (!declared.contains(user.name())) {
                    tx.createUpdate("UPDATE auth_user SET password_hash = NULL, updated_at = :now WHERE id = :id")
                            .bind("now", clock.millis())
                            .bind("id", user.id())
                            .execute();
                    tx.createUpdate("DELETE FROM auth_session WHERE user_id = :id")
                            .bind("id", user.id())
                            .execute();
                    audit.record(tx, Actor.SYSTEM, "user.lock", user.name(), "no longer in the config");
                }
            }
            for (UserSpec spec : specs) {
                Optional<User> existing = byName(tx, spec.name());
                if (existing.isEmpty()) {
                    insert(tx, spec.name(), spec.email(), spec.role());
                    audit.record(
                            tx,
                            Actor.SYSTEM,
                            "user.create",
                            spec.name(),
                            "from config, role " + spec.role().wireName());
                } else if (existing.get().role() != spec.role()
                        || !same(existing.get().email(), spec.email())) {
                    tx.createUpdate(
                                    "UPDATE auth_user SET email = :email, role = :role, updated_at = :now WHERE id = :id")
                            .bind("email", spec.email())
                            .bind("role", spec.role().name())
                            .bind("now", clock.millis())
                            .bind("id", existing.get().id())
                            .execute();
                    audit.record(
                            tx,
                            Actor.SYSTEM,
                            "user.update",
                            spec.name(),
                            "from config, role " + spec.role().wireName());
                }
            }
            return null;
        });
    }

    /**
     * On a store where no admin can sign in yet, gives the first admin a password: the one from the
     * environment, or a generated one returned here so the caller can print it once.
     *
     * @param adminName the config's first admin, or "admin" when the config names none
     * @return the generated password, when one was generated
     */
    public Optional<String> bootstrapAdmin(String adminName, String passwordFromEnvironment, Tokens tokens) {
        return store.write(tx -> {
            boolean someAdminCanSignIn = tx.createQuery(
                            "SELECT 1 FROM auth_user WHERE role = 'ADMIN' AND password_hash IS NOT NULL LIMIT 1")
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (someAdminCanSignIn) {
                return Optional.<String>empty();
            }
            boolean generated = passwordFromEnvironment == null || passwordFromEnvironment.isBlank();
            String password = generated ? tokens.random(20) : passwordFromEnvironment;
            User admin = byName(tx, adminName).orElseGet(() -> insert(tx, adminName, null, Role.ADMIN));
            if (admin.role() != Role.ADMIN) {
                tx.createUpdate("UPDATE auth_user SET role = 'ADMIN' WHERE id = :id")
                        .bind("id", admin.id())
                        .execute();
            }
            setHash(tx, admin.id(), hasher.hash(password));
            audit.record(
                    tx,
                    Actor.SYSTEM,
                    "user.bootstrap_admin",
                    adminName,
                    generated ? "password generated and printed once" : "password from FIREWATCH_ADMIN_PASSWORD");
            return generated ? Optional.of(password) : Optional.<String>empty();
        });
    }

    /** The user, when the name exists and the password matches. Takes the same time either way. */
    public Optional<User> authenticate(String name, String password) {
        record Candidate(User user, String hash) {}
        Optional<Candidate> candidate =
                store.read(h -> h.createQuery("SELECT " + COLUMNS + ", password_hash FROM auth_user WHERE name = :name")
                        .bind("name", name)
                        .map((rs, ctx) -> new Candidate(user(rs), rs.getString("password_hash")))
                        .findOne());
        String hash = candidate.map(Candidate::hash).orElse(null);
        if (!hasher.verify(password, hash)) {
            return Optional.empty();
        }
        User user = candidate.orElseThrow().user();
        store.write(tx -> tx.createUpdate("UPDATE auth_user SET last_login_at = :now WHERE id = :id")
                .bind("now", clock.millis())
                .bind("id", user.id())
                .execute());
        return Optional.of(user);
    }

    public void setPassword(Actor actor, String name, String password) {
        String weakness = PasswordHasher.weakness(password);
        if (weakness != null) {
            throw new IllegalArgumentException(weakness);
        }
        String hash = hasher.hash(password);
        store.write(tx -> {
            User user = byName(tx, name).orElseThrow(() -> new IllegalArgumentException("no user named " + name));
            setHash(tx, user.id(), hash);
            // Every session of this user ends: whoever knew the old password must sign in again.
            tx.createUpdate("DELETE FROM auth_session WHERE user_id = :id")
                    .bind("id", user.id())
                    .execute();
            audit.record(tx, actor, "user.set_password", name, null);
            return null;
        });
    }

    public List<User> list() {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM auth_user ORDER BY name")
                .map((rs, ctx) -> user(rs))
                .list());
    }

    public Optional<User> byName(String name) {
        return store.read(h -> byName(h, name));
    }

    private Optional<User> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM auth_user WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    private User insert(Handle tx, String name, String email, Role role) {
        String id = ids.next();
        long now = clock.millis();
        tx.createUpdate("INSERT INTO auth_user (id, name, email, role, created_at, updated_at)"
                        + " VALUES (:id, :name, :email, :role, :now, :now)")
                .bind("id", id)
                .bind("name", name)
                .bind("email", email)
                .bind("role", role.name())
                .bind("now", now)
                .execute();
        return new User(id, name, email, role, false, Instant.ofEpochMilli(now), null);
    }

    private void setHash(Handle tx, String id, String hash) {
        tx.createUpdate("UPDATE auth_user SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", hash)
                .bind("now", clock.millis())
                .bind("id", id)
                .execute();
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("has_password"),
                Times.instant(rs, "created_at"),
                Times.instantOrNull(rs, "last_login_at"));
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
