package dev.firewatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind every feature: one writer and a set of readers.
 *
 * <p>On SQLite the writer is a single connection (SQLite allows one writer at a time anyway, and one
 * connection means no SQLITE_BUSY between our own threads) in WAL mode with {@code synchronous=FULL}, so a
 * commit survives a power loss and a 2xx after commit means the data is on disk. Readers are separate
 * {@code query_only} connections that WAL lets run beside the writer. On PostgreSQL both are one pool.
 *
 * <p>Opening does no I/O against PostgreSQL: the pool starts empty, so a server whose database is down
 * still starts and reports the database on {@code /readyz} instead of refusing to boot.
 */
public final class Store implements AutoCloseable {
    /** The handle attribute that marks a {@link #writeReplayable} transaction. */
    private static final String REPLAYABLE = "firewatch.replayable";

    private final Vendor vendor;
    private final String description;
    private final String migrations;
    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final Jdbi writeJdbi;
    private final Jdbi readJdbi;

    /** SQLite's log copied back on a thread of its own; null on PostgreSQL. */
    private final Checkpoints checkpoints;

    private Store(
            Vendor vendor,
            String description,
            String migrations,
            HikariDataSource writer,
            HikariDataSource reader,
            Checkpoints checkpoints) {
        this.vendor = vendor;
        this.checkpoints = checkpoints;
        this.description = description;
        this.migrations = migrations;
        this.writer = writer;
        this.reader = reader;
        this.writeJdbi = configured(Jdbi.create(writer));
        this.readJdbi = reader == writer ? writeJdbi : configured(Jdbi.create(reader));
    }

    /** Statements may carry bindings that one branch of their SQL does not use, e.g. the time of a move. */
    private static Jdbi configured(Jdbi jdbi) {
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        return jdbi;
    }

    public static Store open(StoreSpec spec, Path dataDir, MeterRegistry registry) {
        return switch (spec.vendor()) {
            case SQLITE ->
                openSqlite(dataDir.resolve("firewatch.db"), "firewatch", Vendor.SQLITE.migrations(), registry);
            case POSTGRESQL -> openPostgres(spec, registry);
        };
    }

    /**
     * The intake journal's own database on SQLite ({@code journal.db}): SQLite has one write lock per file, and
     * the commit every 2xx waits for must not queue behind the alert stages' transactions on the main file.
     * Empty on PostgreSQL, where the journal shares the main database and its pool.
     */
    public static java.util.Optional<Store> openJournal(StoreSpec spec, Path dataDir, MeterRegistry registry) {
        return switch (spec.vendor()) {
            case SQLITE ->
                java.util.Optional.of(
                        openSqlite(dataDir.resolve("journal.db"), "journal", "classpath:db/sqlite-journal", registry));
            case POSTGRESQL -> java.util.Optional.empty();
        };
    }

    private static Store openSqlite(Path file, String poolPrefix, String migrations, MeterRegistry registry) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory for " + file + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        HikariDataSource writer = pool(
                poolPrefix + "-writer",
                sqliteSource(url),
                1,
                "PRAGMA wal_autocheckpoint = " + Checkpoints.WRITER_BACKSTOP_PAGES,
                registry);
        // query_only: a reader that tried to write would take SQLite's write lock behind the writer's back.
        HikariDataSource reader =
                pool(poolPrefix + "-reader", sqliteSource(url), 4, "PRAGMA query_only = true", registry);
        return new Store(
                Vendor.SQLITE,
                "SQLite " + file.toAbsolutePath(),
                migrations,
                writer,
                reader,
                new Checkpoints(poolPrefix, sqliteSource(url)));
    }

    private static DataSource sqliteSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // IMMEDIATE takes the write lock at BEGIN, so a CLI process writing beside the server waits on
        // busy_timeout instead of failing with SQLITE_BUSY when its read lock cannot be upgraded.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    private static Store openPostgres(StoreSpec spec, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("firewatch-pg");
        config.setJdbcUrl(spec.url());
        config.setMaximumPoolSize(spec.poolSize());
        config.setMinimumIdle(Math.min(2, spec.poolSize()));
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(2_000);
        // A JDBC batch of inserts (the journal's, the timeline lines of a batch of alerts) goes as one multi-row
        // INSERT, not one statement per row, each a round trip.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        HikariDataSource pool = new HikariDataSource(config);
        return new Store(
                Vendor.POSTGRESQL,
                "PostgreSQL " + redact(spec.url()),
                Vendor.POSTGRESQL.migrations(),
                pool,
                pool,
                null);
    }

    private static HikariDataSource pool(
            String name, DataSource source, int size, String initSql, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setPoolName(name);
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // Connections open on first use, on the store set-up thread, not on the thread that boots the server.
        config.setInitializationFailTimeout(-1);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(config);
    }

    /** The URL without its password, fit for logs and pages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** Runs the callback in one transaction on the writer: all of it commits or none. */
    public <R> R write(HandleCallback<R, RuntimeException> work) {
        return writeJdbi.inTransaction(work);
    }

    /**
     * Like {@link #write}, for work that is redone after a loss: the outbox's records of outcomes (a lost one
     * leaves its row claimed, and the lease sends it again under the same idempotency key). Its commit does not wait
     * for the disk: SQLite {@code synchronous=NORMAL}, PostgreSQL {@code synchronous_commit=off}. A process crash
     * loses nothing; a power or server loss may lose the newest of these commits. The next commit that waits (any {@link #write}) flushes the log in order, so these commits are on
     * disk before anything a later one caused leaves the process. Work in such a transaction can ask
     * {@link #replayable(Handle)} to hold back what must not leave before a sync (the outbox does).
     */
    public <R> R writeReplayable(HandleCallback<R, RuntimeException> work) {
        return switch (vendor) {
            case POSTGRESQL ->
                writeJdbi.inTransaction(tx -> {
                    tx.execute("SET LOCAL synchronous_commit = off");
                    tx.define(REPLAYABLE, Boolean.TRUE);
                    return work.withHandle(tx);
                });
            // The writer is the pool's one connection, so the setting cannot leak into another's commit; it is
            // set back before the connection goes back to the pool. SQLite refuses to change it inside a
            // transaction, hence outside.
            case SQLITE ->
                writeJdbi.withHandle(handle -> {
                    handle.execute("PRAGMA synchronous = NORMAL");
                    handle.define(REPLAYABLE, Boolean.TRUE);
                    try {
                        return handle.inTransaction(work);
                    } finally {
                        handle.execute("PRAGMA synchronous = FULL");
                    }
                });
        };
    }

    /**
     * Whether the transaction on {@code tx} is one of {@link #writeReplayable}'s, whose commit may be lost to a power
     * failure: nothing it caused may leave the process straight after it (a page sent from it could be sent again
     * under another incident's name once the lost work is redone).
     */
    public static boolean replayable(Handle tx) {
        return Boolean.TRUE.equals(tx.getConfig(SqlStatements.class).getAttribute(REPLAYABLE));
    }

    /** Runs the callback on a reader connection; it sees the last committed state. */
    public <R> R read(HandleCallback<R, RuntimeException> work) {
        return readJdbi.withHandle(work);
    }

    /** Where this database's Flyway migrations are. */
    public String migrations() {
        return migrations;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Which database this is, without secrets: "SQLite /var/lib/firewatch/firewatch.db". */
    public String description() {
        return description;
    }

    DataSource writerDataSource() {
        return writer;
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        if (reader != writer) {
            reader.close();
        }
        writer.close();
    }
}
