package dev.firewatch.store;

/**
 * Which database holds Firewatch's data.
 *
 * @param url empty for the embedded SQLite file in the data directory, or a {@code jdbc:postgresql://} URL
 * @param poolSize connections to PostgreSQL (SQLite always has one writer)
 */
public record StoreSpec(String url, int poolSize) {
    public static final StoreSpec DEFAULTS = new StoreSpec("", 10);

    public Vendor vendor() {
        return url.startsWith("jdbc:postgresql:") ? Vendor.POSTGRESQL : Vendor.SQLITE;
    }
}
