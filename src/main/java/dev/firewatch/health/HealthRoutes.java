package dev.firewatch.health;

import dev.firewatch.auth.Access;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /healthz} (alive, no I/O), {@code /readyz} (every dependency, 503 when any fails, 200 "degraded" when one is
 * overloaded but working), {@code /metrics}.
 */
public final class HealthRoutes implements RouteSet {
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;

    public HealthRoutes(Readiness readiness, PrometheusMeterRegistry registry) {
        this.readiness = readiness;
        this.registry = registry;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")), Access.PUBLIC);
        routes.get(
                "/readyz",
                ctx -> {
                    Readiness.Report report = readiness.report();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", report.status());
                    Map<String, Object> checks = new LinkedHashMap<>();
                    report.checks().forEach((name, result) -> {
                        // Ordered, status first: people read this JSON, and scripts grep it.
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("status", result.status());
                        entry.put("detail", result.detail());
                        checks.put(name, entry);
                    });
                    body.put("checks", checks);
                    ctx.status(report.ready() ? 200 : 503).json(body);
                },
                Access.PUBLIC);
        // Public like /healthz, as Prometheus scrapes without credentials; it shows counts, never data.
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()),
                Access.PUBLIC);
    }
}
