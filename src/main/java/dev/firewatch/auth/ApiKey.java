package dev.firewatch.auth;

import java.time.Instant;

/** An API key as listed: its visible prefix, never the secret. */
public record ApiKey(
        String id,
        String name,
        String prefix,
        Role role,
        String createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
