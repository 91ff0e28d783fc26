package dev.firewatch.auth;

import dev.firewatch.web.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: finds out who is calling, applies the rate limit, checks the route's
 * {@link Access}, and for browsers checks the CSRF token on anything that changes state.
 *
 * <p>API keys come as {@code Authorization: Bearer}; browsers carry a session cookie. A request with a
 * bearer key is not open to CSRF (a browser never adds that header on its own), so only cookie requests
 * need the token.
 */
public final class AccessGate {
    public static final String SESSION_COOKIE = "fw_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final RateLimiter apiLimiter;

    public AccessGate(Sessions sessions, ApiKeys apiKeys, RateLimiter apiLimiter) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.apiLimiter = apiLimiter;
    }

    public void check(Context ctx) {
        Access access = accessOf(ctx.routeRoles());
        Caller caller = identify(ctx);
        ctx.attribute(Caller.ATTRIBUTE, caller);
        Optional<Role> required = access.requiredRole();
        if (required.isEmpty()) {
            // Public routes are not limited here: intake has admission control of its own, which keeps
            // critical alerts flowing under a storm instead of refusing whoever comes last.
            return;
        }
        if (isApi(ctx)) {
            limit(ctx, caller);
        }
        Optional<Role> role = caller.role();
        if (role.isEmpty()) {
            refuseAnonymous(ctx);
            return;
        }
        if (!role.get().includes(required.get())) {
            throw new HttpProblem(
                    403,
                    "this needs the " + required.get().wireName() + " role; " + describe(caller) + " has "
                            + role.get().wireName(),
                    null);
        }
        if (caller instanceof Caller.SignedIn signedIn && changesState(ctx)) {
            requireCsrf(ctx, signedIn.session());
        }
    }

    private static Access accessOf(Set<RouteRole> roles) {
        // A route that declares nothing is a programming mistake; refuse rather than guess. A loop, not a stream:
        // this runs on every request.
        for (RouteRole role : roles) {
            if (role instanceof Access access) {
                return access;
            }
        }
        return Access.ADMIN;
    }

    private Caller identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"firewatch\"");
                throw new HttpProblem(401, "the Authorization header must be \"Bearer <api key>\"", null);
            }
            return apiKeys.authenticate(authorization.substring(7).strip())
                    .<Caller>map(key -> new Caller.KeyHolder(key, ctx.ip()))
                    .orElseThrow(() -> {
                        ctx.header("WWW-Authenticate", "Bearer realm=\"firewatch\", error=\"invalid_token\"");
                        return new HttpProblem(
                                401,
                                "this API key is unknown or revoked; create one with"
                                        + " `bin/firewatch api-key create --name NAME --role viewer`",
                                null);
                    });
        }
        return sessions.find(ctx.cookie(SESSION_COOKIE))
                .<Caller>map(session -> new Caller.SignedIn(session, ctx.ip()))
                .orElseGet(() -> new Caller.Anonymous(ctx.ip()));
    }

    private void limit(Context ctx, Caller caller) {
        String bucket =
                switch (caller) {
                    case Caller.KeyHolder holder -> "key:" + holder.key().id();
                    case Caller.SignedIn signedIn ->
                        "user:" + signedIn.session().userId();
                    case Caller.Anonymous anonymous -> "address:" + anonymous.address();
                };
        if (apiLimiter.acquire(bucket) instanceof RateLimiter.Decision.Limited limited) {
            long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new HttpProblem(429, "too many requests; retry after " + seconds + " s", null);
        }
    }

    private static void refuseAnonymous(Context ctx) {
        if (!isApi(ctx) && ctx.method() == HandlerType.GET) {
            String next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"firewatch\"");
        throw new HttpProblem(401, "sign in, or send an API key as `Authorization: Bearer <key>`", null);
    }

    private static void requireCsrf(Context ctx, Sessions.Session session) {
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null && isForm(ctx)) {
            presented = ctx.formParam(CSRF_FIELD);
        }
        if (!Tokens.same(presented, session.csrfToken())) {
            throw new HttpProblem(
                    403, "this form is stale or did not come from Firewatch; reload the page and try again", null);
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null
                && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static boolean changesState(Context ctx) {
        HandlerType method = ctx.method();
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    public static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static String describe(Caller caller) {
        return switch (caller) {
            case Caller.KeyHolder holder -> "API key " + holder.key().prefix();
            case Caller.SignedIn signedIn -> signedIn.session().userName();
            case Caller.Anonymous anonymous -> "an anonymous caller";
        };
    }
}
