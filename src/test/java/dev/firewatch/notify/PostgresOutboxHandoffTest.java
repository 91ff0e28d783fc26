package dev.firewatch.notify;

import dev.firewatch.store.StoreSpec;
import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterEach;

/** The same hand-off on PostgreSQL, where the replayable commit is {@code synchronous_commit = off}. */
class PostgresOutboxHandoffTest extends OutboxHandoffTest {
    private String url;

    @Override
    StoreSpec spec() {
        url = PostgresDatabases.create();
        return new StoreSpec(url, 4);
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        PostgresDatabases.drop(url);
    }
}
