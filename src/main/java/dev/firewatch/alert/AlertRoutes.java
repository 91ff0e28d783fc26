package dev.firewatch.alert;

import dev.firewatch.auth.Access;
import dev.firewatch.web.Filters;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** {@code GET /api/v1/alerts?state=firing,resolved&service=S}. */
public final class AlertRoutes implements RouteSet {
    private final Alerts alerts;

    public AlertRoutes(Alerts alerts) {
        this.alerts = alerts;
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
    }
}
