package dev.firewatch.app;

import dev.firewatch.config.FirewatchConfig;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Something built from the running config (a route tree, a ladder), built again only when a reload has
 * replaced the config: once per reload, not once per alert.
 */
final class PerConfig<T> implements Supplier<T> {
    private record Built<T>(FirewatchConfig from, T value) {}

    private final Supplier<FirewatchConfig> config;
    private final Function<FirewatchConfig, T> build;
    private volatile Built<T> built;

    PerConfig(Supplier<FirewatchConfig> config, Function<FirewatchConfig, T> build) {
        this.config = config;
        this.build = build;
    }

    @Override
    public T get() {
        FirewatchConfig current = config.get();
        Built<T> last = built;
        if (last == null || last.from() != current) {
            last = new Built<>(current, build.apply(current));
            built = last;
        }
        return last.value();
    }
}
