package dev.firewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {
    @Override
    StoreSpec spec() {
        return StoreSpec.DEFAULTS;
    }

    @Test
    void theFileIsInWalModeWithFullSyncSoA2xxSurvivesPowerLoss() {
        String journal = store.read(
                h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        Integer synchronous = store.write(
                h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        assertThat(journal).isEqualTo("wal");
        assertThat(synchronous).as("2 = FULL").isEqualTo(2);
        assertThat(dir.resolve("firewatch.db")).exists();
    }

    @Test
    void readersCannotWrite() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.read(h -> h.execute("DELETE FROM auth_audit")))
                .hasMessageContaining("readonly");
    }
}
