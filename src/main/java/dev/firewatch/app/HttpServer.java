package dev.firewatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.AccessGate;
import dev.firewatch.auth.Caller;
import dev.firewatch.health.HttpMetrics;
import dev.firewatch.intake.IntakeRoutes;
import dev.firewatch.web.ApiError;
import dev.firewatch.web.ErrorPage;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import dev.firewatch.web.ServerSpec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: virtual threads, body limit, the access gate, error shapes, metrics, routes; and in front of it
 * {@link DirectIntake}, which serves the endpoints that take alerts straight from Jetty.
 */
final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** What answers while the store is still being set up: the probes, and the assets pages need. */
    private static final Set<String> STARTUP_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    private static boolean answersWhileStarting(String path) {
        return STARTUP_PATHS.contains(path) || path.startsWith("/assets/");
    }

    private HttpServer() {}

    static Javalin create(
            ServerSpec spec,
            Integer portOverride,
            ObjectMapper json,
            BooleanSupplier storeReady,
            AccessGate gate,
            HttpMetrics metrics,
            Pages pages,
            List<RouteSet> routeSets,
            IntakeRoutes intake) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = spec.host();
            config.jetty.port = portOverride != null ? portOverride : spec.port();
            config.http.maxRequestSize = spec.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.jsonMapper(new JavalinJackson(json, true));
            config.requestLogger.http(metrics::record);
            // In front of Javalin, which Jetty then wraps: the alert-taking endpoints skip the servlet layer.
            config.jetty.modifyServer(server ->
                    server.setHandler(new DirectIntake(intake, storeReady, spec.maxBodyBytes(), json, metrics)));

            config.routes.beforeMatched(ctx -> {
                if (!storeReady.getAsBoolean() && !answersWhileStarting(ctx.path())) {
                    ctx.header("Retry-After", "2");
                    throw new HttpProblem(
                            503,
                            "Firewatch is starting: the database is not ready yet, and /readyz says why."
                                    + " Try again in a moment.",
                            null);
                }
                gate.check(ctx);
            });
            for (RouteSet routes : routeSets) {
                routes.addTo(config.routes);
            }

            config.routes.exception(
                    HttpProblem.class, (e, ctx) -> respond(ctx, pages, e.status(), e.getMessage(), e.field()));
            config.routes.exception(
                    HttpResponseException.class, (e, ctx) -> respond(ctx, pages, e.getStatus(), explain(e), null));
            config.routes.exception(
                    Exception.class,
                    (e, ctx) -> respond(ctx, pages, 500, failed(ctx.method().name(), ctx.path(), e), null));
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    respond(ctx, pages, 404, "nothing here: " + ctx.method() + " " + ctx.path(), null);
                }
            });
        });
    }

    /** Logs a request that failed on our side with its stack trace, and says so to the caller under an error id. */
    static String failed(String method, String path, Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("request {} {} failed (error id {})", method, path, id, e);
        return "something went wrong on our side (error id " + id + "); the server log has the details";
    }

    private static String explain(HttpResponseException e) {
        if (e.getStatus() == 413) {
            return "the request body is larger than the limit (server.max_body in the config)";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "request refused" : e.getMessage();
    }

    /** JSON for the API and for callers that ask for it; a page for people. */
    static void respond(Context ctx, Pages pages, int status, String message, String field) {
        ctx.status(status);
        String accept = ctx.header("Accept");
        boolean wantsHtml = accept != null && accept.contains("text/html");
        if (AccessGate.isApi(ctx) || !wantsHtml) {
            ctx.json(new ApiError(message, field));
            return;
        }
        Frame frame =
                new Frame(title(status), Frame.Section.NONE, Caller.of(ctx).viewer());
        pages.render(ctx, "web/error.jte", new ErrorPage(frame, status, message));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign in needed";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 413 -> "Too large";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Server error" : "Request refused";
        };
    }
}
