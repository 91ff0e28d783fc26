package dev.firewatch.health;

import io.javalin.http.Context;
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

    public void record(Context ctx, float millis) {
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        if ("*".equals(route) || route.isEmpty()) {
            route = "unmatched";
        }
        Timer.builder("http.server.requests")
                .description("HTTP requests served, by route and status")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
