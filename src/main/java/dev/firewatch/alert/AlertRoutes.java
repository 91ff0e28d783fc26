package dev.firewatch.alert;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.web.Filters;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@code GET /api/v1/alerts}, and the alerts page that keeps itself current. */
public final class AlertRoutes implements RouteSet {
    /** How many alerts a page shows; the API pages further with its cursor. */
    private static final int PAGE = 200;

    private final Alerts alerts;
    private final Pages pages;
    private final Supplier<List<String>> services;
    private final Supplier<List<AlertPages.Storm>> storms;

    /** @param storms the services whose events were lately folded into storm digests, for the banners */
    public AlertRoutes(
            Alerts alerts, Pages pages, Supplier<List<String>> services, Supplier<List<AlertPages.Storm>> storms) {
        this.alerts = alerts;
        this.pages = pages;
        this.services = services;
        this.storms = storms;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(
                "/api/v1/alerts",
                ctx -> {
                    int limit = Requests.limit(ctx);
                    var states =
                            Filters.states(ctx, "state", AlertState.class, AlertState::parse, AlertState::wireName);
                    List<Alert> page = alerts.list(states, ctx.queryParam("service"), ctx.queryParam("cursor"), limit);
                    ctx.json(Listing.of(
                            "alerts",
                            page,
                            page.size() < limit ? null : page.getLast().id()));
                },
                Access.VIEWER);
        routes.get("/alerts", this::page, Access.VIEWER);
        routes.get("/alerts/table", this::table, Access.VIEWER);
    }

    private void page(Context ctx) {
        AlertPages.Filter filter = filter(ctx);
        pages.render(
                ctx,
                "alert/list.jte",
                new AlertPages.Listing(
                        new Frame("Alerts", Frame.Section.ALERTS, Caller.of(ctx).viewer()),
                        filter,
                        find(filter),
                        services.get(),
                        canSilence(ctx) ? "yes" : null,
                        storms.get()));
    }

    /** Just the table, for htmx to swap in every few seconds. */
    private void table(Context ctx) {
        AlertPages.Filter filter = filter(ctx);
        pages.render(ctx, "alert/table.jte", new AlertPages.Table(filter, find(filter), canSilence(ctx), storms.get()));
    }

    private List<Alert> find(AlertPages.Filter filter) {
        Set<AlertState> states =
                switch (filter.state()) {
                    case "resolved" -> EnumSet.of(AlertState.RESOLVED);
                    case "all" -> EnumSet.allOf(AlertState.class);
                    default -> EnumSet.of(AlertState.FIRING);
                };
        String service = filter.service().isBlank() ? null : filter.service();
        List<Alert> found = alerts.list(states, service, null, filter.label().isBlank() ? PAGE : 1000);
        if (filter.label().isBlank()) {
            return found;
        }
        // The label filter runs over the newest thousand: enough to find a host at 3 a.m., no full scan.
        Map<String, String> wanted = Labels.parse(filter.label()).orThrow();
        return found.stream()
                .filter(a -> wanted.entrySet().stream()
                        .allMatch(w -> w.getValue().equals(a.labels().get(w.getKey()))))
                .limit(PAGE)
                .toList();
    }

    private static AlertPages.Filter filter(Context ctx) {
        String state = orEmpty(ctx.queryParam("state"));
        if (!List.of("", "firing", "resolved", "all").contains(state)) {
            throw HttpProblem.badRequest("state must be firing, resolved or all", "state");
        }
        String label = orEmpty(ctx.queryParam("label")).strip();
        if (!label.isEmpty() && Labels.parse(label) instanceof Parsed.Failed<?> failed) {
            throw HttpProblem.badRequest(
                    "label filter, at column " + (failed.offset() + 1) + ": " + failed.message()
                            + "; write it as name=value,name2=value2",
                    "label");
        }
        String service = orEmpty(ctx.queryParam("service")).strip();
        String query = "state=" + encode(state.isEmpty() ? "firing" : state) + "&service=" + encode(service) + "&label="
                + encode(label);
        return new AlertPages.Filter(state.isEmpty() ? "firing" : state, service, label, query);
    }

    private static boolean canSilence(Context ctx) {
        return Caller.of(ctx).role().map(r -> r.includes(Role.RESPONDER)).orElse(false);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
