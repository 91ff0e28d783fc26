package dev.firewatch.app;

import dev.firewatch.auth.ApiKeys;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.PasswordHasher;
import dev.firewatch.auth.Tokens;
import dev.firewatch.auth.Users;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Migrations;
import dev.firewatch.store.Store;
import dev.firewatch.store.StoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The services command-line tools use directly on the store, without starting a server. They work while
 * a server runs on the same store: SQLite's WAL and busy timeout let both write in turn.
 */
public final class AdminTools implements AutoCloseable {
    private final Store store;
    private final ApiKeys apiKeys;
    private final Users users;

    private AdminTools(Store store, ApiKeys apiKeys, Users users) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.users = users;
    }

    public static AdminTools open(FirewatchConfig config, Path dataDir) {
        Clock clock = Clock.systemUTC();
        Store store = Store.open(config.store(), dataDir, new SimpleMeterRegistry());
        Migrations migrations = new Migrations(store);
        if (!migrations.migrate()) {
            String reason = migrations.state() instanceof Migrations.State.Failed failed ? failed.reason() : "unknown";
            store.close();
            throw new StoreException("cannot open " + store.description() + ": " + reason, null);
        }
        Ids ids = new Ids(clock);
        Tokens tokens = new Tokens();
        AuditLog audit = new AuditLog(store, ids, clock);
        return new AdminTools(
                store,
                new ApiKeys(store, ids, tokens, audit, clock),
                new Users(store, ids, new PasswordHasher(PasswordHasher.PRODUCTION_COST), audit, clock));
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Users users() {
        return users;
    }

    @Override
    public void close() {
        store.close();
    }
}
