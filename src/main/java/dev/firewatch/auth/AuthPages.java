package dev.firewatch.auth;

import dev.firewatch.web.Frame;
import java.util.List;

/** The models of the sign-in and settings pages, one record per template. */
public final class AuthPages {
    private AuthPages() {}

    public record Login(Frame frame, String next, String error, String csrf) {}

    public record Keys(Frame frame, List<ApiKey> keys, ApiKeys.Created created, String error) {}

    public record People(Frame frame, List<User> users, String notice, String error) {}

    public record Audit(Frame frame, List<AuditLog.Entry> entries, String nextCursor) {}
}
