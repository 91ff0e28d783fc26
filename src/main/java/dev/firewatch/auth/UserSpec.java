package dev.firewatch.auth;

/** A person declared in the config. Passwords are never in the config: they live hashed in the store. */
public record UserSpec(String name, String email, Role role) {}
