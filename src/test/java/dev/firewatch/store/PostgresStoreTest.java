package dev.firewatch.store;

import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterEach;

class PostgresStoreTest extends StoreContract {
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
