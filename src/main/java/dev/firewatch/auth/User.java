package dev.firewatch.auth;

import java.time.Instant;

/** A person who can sign in. The password hash never leaves {@link Users}. */
public record User(
        String id, String name, String email, Role role, boolean hasPassword, Instant createdAt, Instant lastLoginAt) {}
