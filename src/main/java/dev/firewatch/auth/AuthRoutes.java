package dev.firewatch.auth;

import dev.firewatch.web.Frame;
import dev.firewatch.web.Frame.Section;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign-in, sign-out, and the settings pages and API for users, API keys and the audit log. */
public final class AuthRoutes implements RouteSet {
    private static final String LOGIN_CSRF_COOKIE = "fw_login_csrf";

    /** The body of {@code POST /api/v1/api-keys}. */
    public record NewKey(String name, String role) {}

    private final Users users;
    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final AuditLog audit;
    private final RateLimiter loginLimiter;
    private final Tokens tokens;
    private final Pages pages;
    private final Requests requests;
    private final boolean secureCookies;

    public AuthRoutes(
            Users users,
            Sessions sessions,
            ApiKeys apiKeys,
            AuditLog audit,
            RateLimiter loginLimiter,
            Tokens tokens,
            Pages pages,
            Requests requests,
            boolean secureCookies) {
        this.users = users;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.loginLimiter = loginLimiter;
        this.tokens = tokens;
        this.pages = pages;
        this.requests = requests;
        this.secureCookies = secureCookies;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/login", this::loginPage, Access.PUBLIC);
        routes.post("/login", this::login, Access.PUBLIC);
        routes.post("/logout", this::logout, Access.VIEWER);

        routes.get("/settings/api-keys", ctx -> renderKeys(ctx, null, null), Access.ADMIN);
        routes.post("/settings/api-keys", this::createKeyFromForm, Access.ADMIN);
        routes.post("/settings/api-keys/{id}/revoke", this::revokeKeyFromForm, Access.ADMIN);
        routes.get("/settings/users", ctx -> renderUsers(ctx, null, null), Access.ADMIN);
        routes.post("/settings/users/{name}/password", this::setPasswordFromForm, Access.ADMIN);
        routes.get("/settings/audit", this::auditPage, Access.ADMIN);

        routes.get("/api/v1/me", this::me, Access.VIEWER);
        routes.get("/api/v1/api-keys", ctx -> ctx.json(Listing.of("api_keys", apiKeys.list(), null)), Access.ADMIN);
        routes.post("/api/v1/api-keys", this::createKey, Access.ADMIN);
        routes.post("/api/v1/api-keys/{id}/revoke", this::revokeKey, Access.ADMIN);
        routes.get("/api/v1/users", ctx -> ctx.json(Listing.of("users", users.list(), null)), Access.ADMIN);
        routes.get("/api/v1/audit", this::auditApi, Access.ADMIN);
    }

    // --- signing in and out

    private void loginPage(Context ctx) {
        if (Caller.of(ctx) instanceof Caller.SignedIn) {
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        renderLogin(ctx, safeNext(ctx.queryParam("next")), null);
    }

    private void renderLogin(Context ctx, String next, String error) {
        // Double-submit token: the form carries the same random value as a cookie that another site can
        // neither read nor set, so a foreign page cannot sign a victim into an attacker's account.
        String csrf = tokens.random(24);
        setCookie(ctx, LOGIN_CSRF_COOKIE, csrf, 3600);
        pages.render(
                ctx,
                "auth/login.jte",
                new AuthPages.Login(new Frame("Sign in", Section.NONE, null), next, error, csrf));
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        if (loginLimiter.acquire("login:" + ctx.ip()) instanceof RateLimiter.Decision.Limited limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds() + 1);
            ctx.header("Retry-After", Long.toString(seconds));
            ctx.status(429);
            renderLogin(ctx, next, "Too many attempts from your address. Wait " + seconds + " seconds and try again.");
            return;
        }
        if (!Tokens.same(ctx.formParam("_csrf"), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            ctx.status(403);
            renderLogin(ctx, next, "The sign-in form expired. Please try again.");
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Actor actor = Actor.user(name, ctx.ip());
        Optional<User> user =
                name.isEmpty() || password.isEmpty() ? Optional.empty() : users.authenticate(name, password);
        if (user.isEmpty()) {
            audit.record(new Actor("anonymous", ctx.ip()), "session.refused", name, "wrong name or password");
            ctx.status(401);
            renderLogin(ctx, next, "That name and password do not match.");
            return;
        }
        String token = sessions.start(user.get(), actor, audit);
        setCookie(ctx, AccessGate.SESSION_COOKIE, token, sessions.ttl().toSeconds());
        setCookie(ctx, LOGIN_CSRF_COOKIE, "", 0);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        if (Caller.of(ctx) instanceof Caller.SignedIn signedIn) {
            sessions.end(signedIn.session(), signedIn.actor(), audit);
        }
        setCookie(ctx, AccessGate.SESSION_COOKIE, "", 0);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Only our own paths: "//evil.example" or "https://..." would send a person off-site after sign-in. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }

    private void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        // SameSite=Lax, not Strict: a link from a page notification must open the incident signed in.
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                                + (secureCookies ? "; Secure" : ""));
    }

    // --- API keys

    private void renderKeys(Context ctx, ApiKeys.Created created, String error) {
        pages.render(
                ctx, "auth/api_keys.jte", new AuthPages.Keys(frame(ctx, "API keys"), apiKeys.list(), created, error));
    }

    private void createKeyFromForm(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        Optional<Role> role =
                Role.parse(Optional.ofNullable(ctx.formParam("role")).orElse(""));
        if (role.isEmpty()) {
            ctx.status(400);
            renderKeys(ctx, null, "Choose a role: viewer, responder or admin.");
            return;
        }
        try {
            ApiKeys.Created created = apiKeys.create(Caller.of(ctx).actor(), name, role.get());
            ctx.status(201);
            renderKeys(ctx, created, null);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            renderKeys(ctx, null, e.getMessage());
        }
    }

    private void revokeKeyFromForm(Context ctx) {
        revoke(ctx);
        ctx.redirect("/settings/api-keys", HttpStatus.SEE_OTHER);
    }

    private void createKey(Context ctx) {
        NewKey body = requests.json(ctx, NewKey.class);
        String name = Requests.required(body.name(), "name");
        Role role = Role.parse(Requests.required(body.role(), "role"))
                .orElseThrow(() -> HttpProblem.badRequest("role must be viewer, responder or admin", "role"));
        try {
            ApiKeys.Created created = apiKeys.create(Caller.of(ctx).actor(), name, role);
            ctx.status(201).json(Map.of("api_key", created.key(), "key", created.secret()));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage(), "name");
        }
    }

    private void revokeKey(Context ctx) {
        ctx.json(revoke(ctx));
    }

    private ApiKey revoke(Context ctx) {
        try {
            return apiKeys.revoke(Caller.of(ctx).actor(), ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.notFound(e.getMessage());
        }
    }

    // --- users

    private void renderUsers(Context ctx, String notice, String error) {
        pages.render(ctx, "auth/users.jte", new AuthPages.People(frame(ctx, "Users"), users.list(), notice, error));
    }

    private void setPasswordFromForm(Context ctx) {
        String name = ctx.pathParam("name");
        if (users.byName(name).isEmpty()) {
            throw HttpProblem.notFound("no user named " + name + "; users are declared under users: in the config");
        }
        try {
            users.setPassword(
                    Caller.of(ctx).actor(),
                    name,
                    Optional.ofNullable(ctx.formParam("password")).orElse(""));
            renderUsers(ctx, "Password set for " + name + ". Their other sessions were signed out.", null);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            renderUsers(ctx, null, "Password not set for " + name + ": " + e.getMessage() + ".");
        }
    }

    // --- audit log and identity

    private void auditPage(Context ctx) {
        List<AuditLog.Entry> entries = audit.page(ctx.queryParam("cursor"), 100);
        pages.render(
                ctx, "auth/audit.jte", new AuthPages.Audit(frame(ctx, "Audit log"), entries, nextCursor(entries, 100)));
    }

    private void auditApi(Context ctx) {
        int limit = Requests.limit(ctx);
        List<AuditLog.Entry> entries = audit.page(ctx.queryParam("cursor"), limit);
        ctx.json(Listing.of("audit_entries", entries, nextCursor(entries, limit)));
    }

    private static String nextCursor(List<AuditLog.Entry> entries, int limit) {
        return entries.size() < limit ? null : entries.getLast().id();
    }

    private void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(Map.of(
                "actor",
                caller.actor().name(),
                "role",
                caller.role().map(Role::wireName).orElse("none")));
    }

    private static Frame frame(Context ctx, String title) {
        return new Frame(title, Section.SETTINGS, Caller.of(ctx).viewer());
    }
}
