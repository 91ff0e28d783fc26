package dev.firewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends StoreContract {
    private String url;

    @Override
    StoreSpec spec() {
        url = PostgresDatabases.create();
        return new StoreSpec(url, 4);
    }

    @Test
    void replayableWorkCommitsWithoutWaitingForTheLogAndEveryOtherWriteStillWaits() {
        String during = store.writeReplayable(h ->
                h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
        String after = store.write(h ->
                h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
        assertThat(during).isEqualTo("off");
        assertThat(after).as("SET LOCAL ends with its transaction").isEqualTo("on");
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        PostgresDatabases.drop(url);
    }
}
