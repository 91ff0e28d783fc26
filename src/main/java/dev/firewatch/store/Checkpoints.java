package dev.firewatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to SQLite, the commit
 * that makes the log pass its threshold does the copy itself, with a sync of the database file, before it returns:
 * every so often a journal commit (a 2xx) or an alert stages' commit (a page) would wait several milliseconds for
 * work that is not theirs. Here a passive checkpoint runs every quarter second on a connection of its own; it never
 * takes the write lock, so writers go on beside it. The writer's own threshold stays, set far higher, as a backstop
 * should this thread fall behind.
 */
final class Checkpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    /** The writer's own threshold, in pages (4 KiB): 40 MiB of log before a commit copies it itself. */
    static final int WRITER_BACKSTOP_PAGES = 10_000;

    private static final long EVERY_MS = 250;

    private final String name;
    private final DataSource source;
    private final Thread thread;
    private volatile boolean running = true;

    Checkpoints(String name, DataSource source) {
        this.name = name;
        this.source = source;
        this.thread = Thread.ofPlatform().name(name + "-checkpoint").daemon().start(this::loop);
    }

    private void loop() {
        Connection connection = null;
        boolean warned = false;
        try {
            while (running) {
                try {
                    Thread.sleep(EVERY_MS);
                    if (connection == null) {
                        connection = source.getConnection();
                    }
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    }
                    warned = false;
                } catch (SQLException e) {
                    if (!warned) {
                        log.warn("{}: the background checkpoint failed; commits copy the log themselves", name, e);
                        warned = true;
                    }
                    connection = closeQuietly(connection);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(connection);
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing after a failure; the next round opens a new one
            }
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
