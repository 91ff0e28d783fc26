package dev.firewatch.testing;

/**
 * A test class's own PostgreSQL database, as the store section of its config: for the subclasses that run a
 * SQLite test's cases on PostgreSQL. Drop it when the class is done; {@link DropLeftoverDatabases} drops what a
 * failed class left.
 */
public final class OwnPostgres {
    private String url;

    /** {@code config} with a store section naming a new, empty database. */
    public String config(String config) {
        url = PostgresDatabases.create();
        return config + "store:\n  url: " + url + "\n  pool_size: 4\n";
    }

    /** Drops the database, if one was made. */
    public void drop() {
        if (url != null) {
            PostgresDatabases.drop(url);
            url = null;
        }
    }
}
