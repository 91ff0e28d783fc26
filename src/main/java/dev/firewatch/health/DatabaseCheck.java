package dev.firewatch.health;

import dev.firewatch.store.Migrations;
import dev.firewatch.store.Store;

/** The database answers a real query, and its schema is current. */
public final class DatabaseCheck implements Check {
    private final String name;
    private final Store store;
    private final Migrations migrations;

    /** @param name the entry's name on /readyz: {@code database}, or {@code journal} for intake's own file */
    public DatabaseCheck(String name, Store store, Migrations migrations) {
        this.name = name;
        this.store = store;
        this.migrations = migrations;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result run() {
        try {
            long started = System.nanoTime();
            store.read(h -> h.createQuery("SELECT 1")
                    .setQueryTimeout(2)
                    .mapTo(Integer.class)
                    .one());
            long millis = (System.nanoTime() - started) / 1_000_000;
            return switch (migrations.state()) {
                case Migrations.State.Current current ->
                    Result.ok(store.description() + " answered in " + millis + " ms; schema v" + current.version());
                case Migrations.State.Pending pending ->
                    Result.failing(store.description() + ": schema not migrated yet");
                case Migrations.State.Failed failed ->
                    Result.failing(store.description() + ": schema migration failed, retrying: " + failed.reason());
            };
        } catch (RuntimeException e) {
            return Result.failing(store.description() + " does not answer: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
