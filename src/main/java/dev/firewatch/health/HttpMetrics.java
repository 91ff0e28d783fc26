package dev.firewatch.health;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request by method, route pattern and status. The route is the pattern
 * ({@code /api/v1/incidents/{id}}), never the concrete path, so ids do not explode the label count.
 */
public final class HttpMetrics {
    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null || endpoint.path.isEmpty() || "*".equals(endpoint.path)
                    ? "unmatched"
                    : endpoint.path;
        } catch (RuntimeException noEndpoint) {
            // Javalin has no endpoint for a request that matched no route (a 404) or a static file.
            return "unmatched";
        }
    }

    public void record(Context ctx, float millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests served, by route and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
