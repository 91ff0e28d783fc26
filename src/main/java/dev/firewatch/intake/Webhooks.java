package dev.firewatch.intake;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The webhooks of the running config; a reload changes what this sees at once. */
public final class Webhooks {
    private final Supplier<List<WebhookSpec>> current;

    public Webhooks(Supplier<List<WebhookSpec>> current) {
        this.current = current;
    }

    public Optional<WebhookSpec> byKey(String key) {
        return current.get().stream().filter(w -> w.key().equals(key)).findFirst();
    }
}
