package dev.firewatch.logwatch;

import dev.firewatch.alert.Labels;
import dev.firewatch.alert.Parsed;
import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.intake.IntakeRoutes;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.service.Services;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/logs} (public, keyed like the other intake endpoints: the integration key names the service),
 * {@code GET /api/v1/logs/rules}, and the log rules page that keeps itself current.
 */
public final class LogRoutes implements RouteSet {
    private final LogRules logRules;
    private final Services services;
    private final Pages pages;
    private final MeterRegistry registry;

    public LogRoutes(LogRules logRules, Services services, Pages pages, MeterRegistry registry) {
        this.logRules = logRules;
        this.services = services;
        this.pages = pages;
        this.registry = registry;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/logs", this::accept, Access.PUBLIC);
        routes.get("/api/v1/logs/rules", ctx -> ctx.json(Listing.of("rules", logRules.views(), null)), Access.VIEWER);
        routes.get(
                "/logs/rules",
                ctx -> pages.render(
                        ctx,
                        "logwatch/rules.jte",
                        new LogPages.Listing(
                                new Frame(
                                        "Log rules",
                                        Frame.Section.MONITORS,
                                        Caller.of(ctx).viewer()),
                                new LogPages.Table(logRules.views()))),
                Access.VIEWER);
        routes.get(
                "/logs/rules/table",
                ctx -> pages.render(ctx, "logwatch/table.jte", new LogPages.Table(logRules.views())),
                Access.VIEWER);
    }

    /** Lines in, rules evaluated and their state committed, then 202 with how many lines came and mattered. */
    private void accept(Context ctx) {
        ServiceSpec service = service(ctx);
        Map<String, String> labels = labels(ctx.queryParam("label"));
        switch (LogBody.read(ctx.bodyAsBytes(), ctx.contentType(), labels)) {
            case LogBody.Refused refused -> throw new HttpProblem(refused.status(), refused.error(), refused.field());
            case LogBody.Lines lines -> {
                LogRules.Accepted accepted;
                try {
                    accepted = logRules.accept(service.name(), lines.lines());
                } catch (RuntimeException e) {
                    throw new HttpProblem(
                            503, "the lines could not be evaluated and stored (" + e.getMessage() + "); retry", null);
                }
                count(service.name(), "matched", accepted.matched());
                count(service.name(), "unmatched", accepted.lines() - accepted.matched());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("service", service.name());
                body.put("accepted", accepted.lines());
                body.put("matched", accepted.matched());
                ctx.status(202).json(body);
            }
        }
    }

    /** {@code firewatch_log_lines_total}: whether lines arrive at all is the first thing to know about a log rule. */
    private void count(String service, String outcome, int lines) {
        if (lines > 0) {
            Counter.builder("firewatch.log.lines")
                    .description("Log lines received on POST /api/v1/logs, by whether a log rule read them")
                    .tag("service", service)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(lines);
        }
    }

    /**
     * The service whose integration key came in the {@code X-Integration-Key} header, as {@code /api/v1/events}
     * takes it, or in {@code ?key=} for shippers that cannot set a header.
     */
    private ServiceSpec service(Context ctx) {
        String header = blankToNull(ctx.header(IntakeRoutes.KEY_HEADER));
        String query = blankToNull(ctx.queryParam("key"));
        if (header != null && query != null && !header.equals(query)) {
            throw HttpProblem.badRequest(
                    "the " + IntakeRoutes.KEY_HEADER + " header and ?key= name different keys; send one", "key");
        }
        String key = header != null ? header : query;
        if (key == null) {
            throw new HttpProblem(
                    401,
                    "send the service's integration key in the " + IntakeRoutes.KEY_HEADER + " header (or as ?key=)",
                    IntakeRoutes.KEY_HEADER);
        }
        return services.byIntegrationKey(key)
                .orElseThrow(() -> HttpProblem.notFound("no service has the integration key \"" + abbreviate(key)
                        + "\"; check services[].integration_key in the config"));
    }

    /** {@code ?label=app=api,host=web-1}: labels every line of the request gets. */
    private static Map<String, String> labels(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        return switch (Labels.parse(text.strip())) {
            case Parsed.Ok<Map<String, String>> ok -> ok.value();
            case Parsed.Failed<Map<String, String>> failed ->
                throw HttpProblem.badRequest(
                        "label, at column " + (failed.offset() + 1) + ": " + failed.message()
                                + "; write it as name=value,name2=value2",
                        "label");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String key) {
        return key.length() <= 12 ? key : key.substring(0, 12) + "…";
    }
}
