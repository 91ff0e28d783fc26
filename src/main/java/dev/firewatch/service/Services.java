package dev.firewatch.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The services of the running config; a reload changes what this sees at once. */
public final class Services {
    private final Supplier<List<ServiceSpec>> current;

    public Services(Supplier<List<ServiceSpec>> current) {
        this.current = current;
    }

    public Optional<ServiceSpec> byIntegrationKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return current.get().stream()
                .filter(s -> s.integrationKey().equals(key))
                .findFirst();
    }

    public Optional<ServiceSpec> byName(String name) {
        return current.get().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<ServiceSpec> all() {
        return current.get();
    }
}
