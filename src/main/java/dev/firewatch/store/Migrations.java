package dev.firewatch.store;

import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date, on the vendor's own migration folder.
 *
 * <p>Work here is bounded by the number of migration files, never by the number of rows: Flyway reads its
 * history table and applies what is new. Nothing else runs at boot.
 */
public final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** Where the schema stands; shown on {@code /readyz}. */
    public sealed interface State {
        record Pending() implements State {}

        record Current(int applied, String version) implements State {}

        record Failed(String reason) implements State {}
    }

    private final Store store;
    private final AtomicReference<State> state = new AtomicReference<>(new State.Pending());

    public Migrations(Store store) {
        this.store = store;
    }

    /** Applies pending migrations. Returns true when the schema is current. Never throws. */
    public boolean migrate() {
        return migrate(() -> {});
    }

    /**
     * Applies pending migrations, then runs {@code setUp} (work that needs the schema, such as creating the
     * first admin); the state becomes current only when both are done, so "current" means "ready to serve".
     */
    public boolean migrate(Runnable setUp) {
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(store.writerDataSource())
                    .locations(store.migrations())
                    .loggers("slf4j")
                    .load();
            var result = flyway.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : currentVersion(flyway);
            setUp.run();
            state.set(new State.Current(result.migrationsExecuted, version));
            if (result.migrationsExecuted > 0) {
                log.info("schema now at version {} ({} migrations applied)", version, result.migrationsExecuted);
            }
            return true;
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            state.set(new State.Failed(reason));
            log.warn("cannot bring the schema up to date on {}: {}", store.description(), reason);
            return false;
        }
    }

    private static String currentVersion(Flyway flyway) {
        var current = flyway.info().current();
        return current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion();
    }

    /** True once the schema is current and set up: requests that need the store can be served. */
    public boolean ready() {
        return state.get() instanceof State.Current;
    }

    public State state() {
        return state.get();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return Store.redact(message.lines().findFirst().orElse(message));
    }
}
