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
    void replayableWorkCommitsWithoutASyncAndEveryOtherWriteStillSyncs() {
        Integer during = store.writeReplayable(
                h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        Integer after = store.write(
                h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        assertThat(during).as("1 = NORMAL").isEqualTo(1);
        assertThat(after).as("2 = FULL, back before the next write").isEqualTo(2);
    }

    @Test
    void replayableWorkThatFailsRollsBackAndLeavesTheNextWriteSynced() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.writeReplayable(h -> {
                    h.execute("INSERT INTO auth_audit (id, at, actor, action, target, detail) VALUES"
                            + " ('x', 1, 'a', 'b', 'c', 'd')");
                    throw new IllegalStateException("the listener failed");
                }))
                .hasMessage("the listener failed");
        Integer kept = store.read(h -> h.createQuery("SELECT COUNT(*) FROM auth_audit WHERE id = 'x'")
                .mapTo(Integer.class)
                .one());
        Integer synchronous = store.write(
                h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        assertThat(kept).isZero();
        assertThat(synchronous).isEqualTo(2);
    }

    @Test
    void readersCannotWrite() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.read(h -> h.execute("DELETE FROM auth_audit")))
                .hasMessageContaining("readonly");
    }

    @Test
    void theLogIsCopiedBackInTheBackgroundSoNoCommitWaitsForIt() throws Exception {
        java.nio.file.Path file = dir.resolve("firewatch.db");
        long before = java.nio.file.Files.size(file);
        String detail = "x".repeat(1_000);
        // About 1,600 pages of log: past SQLite's own threshold of 1,000, at which a commit would copy it itself.
        for (int batch = 0; batch < 20; batch++) {
            int first = batch * 300;
            store.write(h -> {
                var insert = h.prepareBatch("INSERT INTO auth_audit (id, at, actor, action, target, detail)"
                        + " VALUES (:id, 1, 'a', 'b', 'c', :detail)");
                for (int i = first; i < first + 300; i++) {
                    insert.bind("id", "row-" + i).bind("detail", detail).add();
                }
                return insert.execute();
            });
        }
        Integer threshold = store.write(h ->
                h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
        assertThat(threshold).as("the writer's own copy is only a backstop").isEqualTo(10_000);

        long copied = dev.firewatch.testing.Eventually.within(
                java.time.Duration.ofSeconds(5),
                () -> {
                    try {
                        return java.nio.file.Files.size(file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                size -> size > before + 5_000_000);
        assertThat(copied)
                .as("the database file holds the rows, copied back by the checkpoint thread")
                .isGreaterThan(before + 5_000_000);
    }
}
