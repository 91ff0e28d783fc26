package dev.firewatch.config;

import dev.firewatch.store.StoreSpec;
import java.util.List;
import java.util.Optional;

/** {@code store:} as written and checked; see {@link ServerSection} for the two steps. */
record StoreSection(Optional<String> url, Optional<Integer> poolSize) {
    static final List<String> KEYS = List.of("url", "pool_size");
    static final StoreSection ABSENT = new StoreSection(Optional.empty(), Optional.empty());

    static StoreSection read(Mapping store) {
        store.allowOnly(KEYS);
        var url = store.scalar("url").filter(u -> isStoreUrl(u, store));
        var poolSize = store.wholeNumber("pool_size", 1, 200);
        return new StoreSection(url.map(Scalar::value), poolSize);
    }

    private static boolean isStoreUrl(Scalar url, Mapping store) {
        if (url.value().isEmpty() || url.value().startsWith("jdbc:postgresql:")) {
            return true;
        }
        // A database URL often carries a password, so only its scheme is shown, even when written literally.
        String text = url.value();
        int colon = text.indexOf(':');
        String found = url.fromEnvironment() || colon < 0 || colon > 20
                ? url.shown()
                : "a URL starting with " + Scalar.quoted(text.substring(0, colon + 1));
        store.error(
                url.at(),
                "store.url: expected nothing (the embedded SQLite database in the data directory) or a"
                        + " jdbc:postgresql://host:port/database URL, found " + found);
        return false;
    }

    StoreSpec spec() {
        return new StoreSpec(url.orElse(StoreSpec.DEFAULTS.url()), poolSize.orElse(StoreSpec.DEFAULTS.poolSize()));
    }
}
