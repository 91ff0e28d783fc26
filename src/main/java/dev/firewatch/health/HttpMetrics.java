package dev.firewatch.health;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request by method, route pattern and status. The route is the pattern
 * ({@code /api/v1/incidents/{id}}), never the concrete path, so ids do not explode the label count.
 */
public final class HttpMetrics {
    /** What a timer is told apart by. */
    private record Series(String method, String route, int status) {}

    private final MeterRegistry registry;
    /**
     * Timers found once per series: building a meter id and running it through the registry's filters on every
     * request showed in the intake profile. The series are bounded by the routes times the statuses they answer.
     */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

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
        record(ctx.method().name(), route(ctx), ctx.statusCode(), (long) (millis * 1_000_000));
    }

    /** A request served without Javalin; {@code route} is its path template, as Javalin names it. */
    public void record(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new Series(method, route, status), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests served, by route and status")
                .tag("method", series.method())
                .tag("route", series.route())
                .tag("status", Integer.toString(series.status()))
                .register(registry);
    }
}
