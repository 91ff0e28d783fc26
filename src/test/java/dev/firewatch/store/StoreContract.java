package dev.firewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firewatch.auth.Actor;
import dev.firewatch.auth.ApiKey;
import dev.firewatch.auth.ApiKeys;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.PasswordHasher;
import dev.firewatch.auth.Role;
import dev.firewatch.auth.Sessions;
import dev.firewatch.auth.Tokens;
import dev.firewatch.auth.User;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.auth.Users;
import dev.firewatch.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store must do, run once on SQLite and once on PostgreSQL through the same repository code.
 * Subclasses only say which database.
 */
abstract class StoreContract {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-23T03:14:15.926Z");
    Store store;
    AuditLog audit;
    Ids ids;

    abstract StoreSpec spec();

    @BeforeEach
    void open() {
        store = Store.open(spec(), dir, new SimpleMeterRegistry());
        assertThat(new Migrations(store).migrate()).isTrue();
        ids = new Ids(clock);
        audit = new AuditLog(store, ids, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void workAfterCommitRunsOnlyForWhatCommittedAndASavepointRolledBackTakesItsShareBack() {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.write(tx -> {
            AfterCommit.add(tx, () -> ran.add("page from the step that held"));
            RuntimeException failed = AfterCommit.inSavepoint(tx, "listener", () -> {
                tx.execute("INSERT INTO incident_link_key (name, secret, created_at) VALUES ('rolled', 'x', 0)");
                AfterCommit.add(tx, () -> ran.add("page from the step that failed"));
                throw new IllegalStateException("the listener failed");
            });
            assertThat(failed).hasMessage("the listener failed");
            assertThat(ran).as("nothing runs before the commit").isEmpty();
            return null;
        });
        assertThat(ran).containsExactly("page from the step that held");
        int rolled = store.read(h -> h.createQuery("SELECT COUNT(*) FROM incident_link_key WHERE name = 'rolled'")
                .mapTo(Integer.class)
                .one());
        assertThat(rolled).as("the failed step's writes are gone").isZero();

        ran.clear();
        assertThatThrownBy(() -> store.write(tx -> {
            AfterCommit.add(tx, () -> ran.add("page from a transaction that rolled back"));
            throw new IllegalStateException("the whole transaction failed");
        }));
        assertThat(ran).isEmpty();
        boolean synced = !store.write(tx -> Store.replayable(tx));
        boolean replayable = store.writeReplayable(tx -> Store.replayable(tx));
        assertThat(synced).isTrue();
        assertThat(replayable).isTrue();
    }

    @Test
    void aStepThatHeldKeepsItsWritesWhenALaterStepOfTheSameNameIsRolledBack() {
        // The bus runs each listener in a savepoint it does not release (the commit does): a second step under the
        // same name that fails must take back only its own writes and pages.
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.write(tx -> {
            assertThat(AfterCommit.inSavepoint(tx, "bus_step", () -> {
                        tx.execute("INSERT INTO incident_link_key (name, secret, created_at) VALUES ('held', 'x', 0)");
                        AfterCommit.add(tx, () -> ran.add("page of the step that held"));
                    }))
                    .isNull();
            assertThat(AfterCommit.inSavepoint(tx, "bus_step", () -> {
                        tx.execute(
                                "INSERT INTO incident_link_key (name, secret, created_at) VALUES ('undone', 'x', 0)");
                        AfterCommit.add(tx, () -> ran.add("page of the step that failed"));
                        throw new IllegalStateException("the second step failed");
                    }))
                    .hasMessage("the second step failed");
            tx.execute("INSERT INTO incident_link_key (name, secret, created_at) VALUES ('after', 'x', 0)");
            return null;
        });
        List<String> kept = store.read(h -> h.createQuery("SELECT name FROM incident_link_key"
                        + " WHERE name IN ('held', 'undone', 'after') ORDER BY name")
                .mapTo(String.class)
                .list());
        assertThat(kept).containsExactly("after", "held");
        assertThat(ran).containsExactly("page of the step that held");
    }

    @Test
    void statementsOfTwoTransactionsAndOfTwoReadersOnOneConnectionNeverMixTheirValues() {
        // SQLite keeps statements prepared between transactions: each transaction, and each Statements open at once
        // on one connection, must still bind and read its own.
        store.write(h -> h.execute("CREATE TABLE kept_probe (id TEXT PRIMARY KEY, v BIGINT NOT NULL)"));
        String insert = "INSERT INTO kept_probe (id, v) VALUES (?, ?)";
        String read = "SELECT v FROM kept_probe WHERE id = ?";
        for (long v = 1; v <= 3; v++) {
            long value = v;
            store.write(h -> {
                try (Statements sql = Statements.over(h)) {
                    sql.update(insert, "k" + value, value);
                }
                return null;
            });
        }
        List<Long> seen = store.write(h -> {
            try (Statements outer = Statements.over(h);
                    Statements inner = Statements.over(h)) {
                List<Long> values = new java.util.ArrayList<>();
                values.addAll(outer.list(read, rs -> rs.getLong(1), "k1"));
                values.addAll(inner.list(read, rs -> rs.getLong(1), "k2"));
                values.addAll(outer.list(read, rs -> rs.getLong(1), "k3"));
                values.addAll(inner.list(read, rs -> rs.getLong(1), "k1"));
                return values;
            }
        });
        assertThat(seen).containsExactly(1L, 2L, 3L, 1L);
        List<Long> again = store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return sql.list("SELECT v FROM kept_probe ORDER BY v DESC", rs -> rs.getLong(1));
            }
        });
        assertThat(again).containsExactly(3L, 2L, 1L);
    }

    @Test
    void twoReadsSentTogetherEachGetTheirOwnValuesAndRows() {
        store.write(h -> {
            h.execute("CREATE TABLE both_probe (id TEXT PRIMARY KEY, kind TEXT NOT NULL, v BIGINT NOT NULL)");
            h.execute("INSERT INTO both_probe VALUES ('a1', 'a', 1), ('a2', 'a', 2), ('b1', 'b', 10), ('b2', 'b', 20)");
            return null;
        });
        Statements.Both<String, Long> read = store.write(h -> {
            try (Statements sql = Statements.over(h)) {
                sql.update("UPDATE both_probe SET v = v + 100 WHERE id = ?", "b2");
                return sql.both(
                        new Statements.Query<>(
                                "SELECT id FROM both_probe WHERE kind = ? AND v >= ? ORDER BY id",
                                rs -> rs.getString(1),
                                "a",
                                2L),
                        new Statements.Query<>(
                                "SELECT v FROM both_probe WHERE kind = ? ORDER BY v DESC", rs -> rs.getLong(1), "b"));
            }
        });
        assertThat(read.first()).as("the first read, with its own two values").containsExactly("a2");
        assertThat(read.second())
                .as("the second read, with its value, seeing the transaction's own write")
                .containsExactly(120L, 10L);
        Statements.Both<String, Long> empty = store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return sql.both(
                        new Statements.Query<>("SELECT id FROM both_probe WHERE kind = ?", rs -> rs.getString(1), "c"),
                        new Statements.Query<>("SELECT v FROM both_probe WHERE id = ?", rs -> rs.getLong(1), "a1"));
            }
        });
        assertThat(empty.first()).isEmpty();
        assertThat(empty.second()).containsExactly(1L);
    }

    @Test
    void statementsBindEachTransactionsOwnValuesAndAFailedBatchLeavesNothingBehind() {
        store.write(h -> h.execute("CREATE TABLE statements_probe (id TEXT PRIMARY KEY, v BIGINT NOT NULL)"));
        String insert = "INSERT INTO statements_probe (id, v) VALUES (?, ?)";
        for (long v = 1; v <= 3; v++) {
            long value = v;
            store.write(h -> {
                try (Statements sql = Statements.over(h)) {
                    sql.update(insert, "row-" + value, value * 10);
                }
                return null;
            });
        }
        assertThatThrownBy(() -> store.write(h -> {
                    try (Statements sql = Statements.over(h)) {
                        sql.later(insert, "row-4", 40L);
                        sql.later(insert, "row-5", 50L);
                        // Already there: the batch fails and the transaction rolls back.
                        sql.later(insert, "row-1", 99L);
                    }
                    return null;
                }))
                .isInstanceOf(Statements.Failed.class);
        store.write(h -> {
            try (Statements sql = Statements.over(h)) {
                sql.later(insert, "row-6", 60L);
                sql.later(insert, "row-7", 70L);
            }
            return null;
        });

        List<String> rows = store.read(h -> h.createQuery("SELECT id || '=' || v FROM statements_probe ORDER BY id")
                .mapTo(String.class)
                .list());
        assertThat(rows)
                .as("each transaction's own values, and nothing of the batch that failed")
                .containsExactly("row-1=10", "row-2=20", "row-3=30", "row-6=60", "row-7=70");
    }

    @Test
    void migratingAgainFindsNothingToDo() {
        Migrations again = new Migrations(store);
        assertThat(again.migrate()).isTrue();
        assertThat(again.state()).isEqualTo(new Migrations.State.Current(0, Integer.toString(newestMigration())));
    }

    private static int newestMigration() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/sqlite"))) {
            return files.map(f -> f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))
                    .mapToInt(Integer::parseInt)
                    .max()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void idsSortInTheOrderTheyWereMade() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 7 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
            audit.record(Actor.SYSTEM, "test.order", Integer.toString(i), null);
            made.add(Integer.toString(i));
        }
        List<String> sortedByDatabase =
                store.read(h -> h.createQuery("SELECT target FROM auth_audit WHERE action = 'test.order' ORDER BY id")
                        .mapTo(String.class)
                        .list());
        assertThat(sortedByDatabase).containsExactlyElementsOf(made);
    }

    @Test
    void theAuditLogPagesNewestFirstWithACursor() {
        for (int i = 0; i < 250; i++) {
            audit.record(Actor.SYSTEM, "test.page", "entry-" + i, null);
        }
        List<AuditLog.Entry> first = audit.page(null, 100);
        List<AuditLog.Entry> second = audit.page(first.getLast().id(), 100);
        List<AuditLog.Entry> third = audit.page(second.getLast().id(), 100);
        assertThat(first.getFirst().target()).isEqualTo("entry-249");
        assertThat(second.getFirst().target()).isEqualTo("entry-149");
        assertThat(third).hasSize(50);
        assertThat(third.getLast().target()).isEqualTo("entry-0");
        assertThat(first.getFirst().at()).isEqualTo(clock.instant());
    }

    @Test
    void usersComeFromTheConfigAndTheFirstAdminGetsAPassword() {
        Users users = new Users(store, ids, new PasswordHasher(4), audit, clock);
        users.sync(List.of(new UserSpec("ada", "ada@example.com", Role.ADMIN), new UserSpec("bo", "", Role.VIEWER)));
        users.sync(List.of(new UserSpec("ada", "ada@example.com", Role.ADMIN), new UserSpec("bo", "", Role.RESPONDER)));
        assertThat(users.list())
                .extracting(User::name, User::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada", Role.ADMIN),
                        org.assertj.core.groups.Tuple.tuple("bo", Role.RESPONDER));

        assertThat(users.bootstrapAdmin("ada", null, new Tokens()))
                .hasValueSatisfying(p -> assertThat(p).hasSize(20));
        assertThat(users.bootstrapAdmin("ada", "ignored-the-second-time", new Tokens()))
                .as("a store where an admin can sign in is never bootstrapped again")
                .isEmpty();
        assertThat(users.authenticate("ada", "ignored-the-second-time")).isEmpty();
    }

    @Test
    void someoneRemovedFromTheConfigCanNoLongerSignIn() {
        Users users = new Users(store, ids, new PasswordHasher(4), audit, clock);
        users.sync(List.of(new UserSpec("ada", "", Role.ADMIN), new UserSpec("bo", "", Role.RESPONDER)));
        users.setPassword(Actor.CLI, "bo", "bo-password-1");
        assertThat(users.authenticate("bo", "bo-password-1")).isPresent();

        users.sync(List.of(new UserSpec("ada", "", Role.ADMIN)));
        assertThat(users.authenticate("bo", "bo-password-1")).isEmpty();
        assertThat(audit.page(null, 10)).extracting(AuditLog.Entry::action).contains("user.lock");
    }

    @Test
    void apiKeysAreFoundByTheirSecretOnlyUntilRevoked() {
        ApiKeys keys = new ApiKeys(store, ids, new Tokens(), audit, clock);
        ApiKeys.Created created = keys.create(Actor.CLI, "deploys", Role.RESPONDER);
        assertThat(keys.authenticate(created.secret()))
                .map(ApiKey::id)
                .hasValue(created.key().id());
        assertThat(keys.authenticate(created.secret() + "x")).isEmpty();
        assertThat(keys.find(created.key().id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
        ApiKey revoked = keys.revoke(Actor.CLI, created.key().prefix());
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        assertThat(keys.authenticate(created.secret())).isEmpty();
        String stored = store.read(h -> h.createQuery("SELECT key_hash FROM auth_api_key")
                .mapTo(String.class)
                .one());
        assertThat(stored)
                .as("only a fingerprint of the key is stored")
                .isEqualTo(Tokens.sha256(created.secret()))
                .doesNotContain(created.secret());
        assertThatThrownBy(() -> keys.revoke(Actor.CLI, "fw_nothere")).hasMessageContaining("no API key");
    }

    @Test
    void sessionsExpireAfterTheirLifetime() {
        Users users = new Users(store, ids, new PasswordHasher(4), audit, clock);
        users.sync(List.of(new UserSpec("ada", "", Role.ADMIN)));
        Sessions sessions = new Sessions(store, new Tokens(), clock, Duration.ofHours(12));
        String token = sessions.start(users.byName("ada").orElseThrow(), Actor.user("ada", "127.0.0.1"), audit);
        assertThat(sessions.find(token))
                .hasValueSatisfying(s -> assertThat(s.role()).isEqualTo(Role.ADMIN));
        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(sessions.find(token)).isEmpty();
    }
}
