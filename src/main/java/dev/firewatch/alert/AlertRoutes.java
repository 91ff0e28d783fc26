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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@code GET /api/v1/alerts}, and the alerts page that keeps itself current. */
public final class AlertRoutes implements RouteSet {
    /** How many alerts a page shows; the "older" link and the API's cursor page further. */
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
                    AlertPage page = alerts.page(new AlertQuery(
                            states,
                            blankToNull(ctx.queryParam("service")),
                            labels(orEmpty(ctx.queryParam("label")).strip()),
                            Requests.cursor(ctx, "cursor"),
                            limit));
                    ctx.json(Listing.of("alerts", page.alerts(), page.older()));
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

    private AlertPage find(AlertPages.Filter filter) {
        Set<AlertState> states =
                switch (filter.state()) {
                    case "resolved" -> EnumSet.of(AlertState.RESOLVED);
                    case "all" -> EnumSet.allOf(AlertState.class);
                    default -> EnumSet.of(AlertState.FIRING);
                };
        return alerts.page(
                new AlertQuery(states, blankToNull(filter.service()), labels(filter.label()), filter.before(), PAGE));
    }

    private static AlertPages.Filter filter(Context ctx) {
        String state = orEmpty(ctx.queryParam("state"));
        if (!List.of("", "firing", "resolved", "all").contains(state)) {
            throw HttpProblem.badRequest("state must be firing, resolved or all", "state");
        }
        String label = orEmpty(ctx.queryParam("label")).strip();
        labels(label); // a 400 before anything else when it does not parse
        return new AlertPages.Filter(
                state.isEmpty() ? "firing" : state,
                orEmpty(ctx.queryParam("service")).strip(),
                label,
                Requests.cursor(ctx, "before"));
    }

    /** {@code ?label=instance=web-1,team=db}: the labels an alert must have, or a 400 saying where it went wrong. */
    private static Map<String, String> labels(String text) {
        if (text.isEmpty()) {
            return Map.of();
        }
        return switch (Labels.parse(text)) {
            case Parsed.Ok<Map<String, String>> ok -> ok.value();
            case Parsed.Failed<Map<String, String>> failed ->
                throw HttpProblem.badRequest(
                        "label filter, at column " + (failed.offset() + 1) + ": " + failed.message()
                                + "; write it as name=value,name2=value2",
                        "label");
        };
    }

    private static boolean canSilence(Context ctx) {
        return Caller.of(ctx).role().map(r -> r.includes(Role.RESPONDER)).orElse(false);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
