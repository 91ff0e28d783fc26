package dev.firewatch.store;

/** The two databases Firewatch runs on; each has its own migration folder. */
public enum Vendor {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /** Classpath folder holding this vendor's Flyway migrations. */
    public String migrations() {
        return "classpath:db/" + folder;
    }
}
